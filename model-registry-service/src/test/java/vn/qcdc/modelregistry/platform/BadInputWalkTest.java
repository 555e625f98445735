package vn.qcdc.modelregistry.platform;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.URI;
import java.net.URISyntaxException;
import java.net.URL;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;

import vn.qcdc.modelregistry.model.ModelFixtures;
import vn.qcdc.testsupport.BadInputWalker;
import vn.qcdc.testsupport.Tokens;

/**
 * Every operation of this service's OpenAPI document against the hostile-input corpus of {@link BadInputWalker}: never
 * a 5xx, always problem+json with a stable type, never a hang. A real model so that the cases reach the database.
 */
@QuarkusTest
class BadInputWalkTest {

    @TestHTTPResource("/")
    URL root;

    @Test
    void everyOperationAnswersHostileInputWithAProblem() throws URISyntaxException {
        String token = Tokens.admin();
        String model = ModelFixtures.register(token, ModelFixtures.model(ModelFixtures.DIEN_BIEN_PHU, 2019)).then()
                .statusCode(201).extract().path("id");
        BadInputWalker.Result result = BadInputWalker.of(new URI(root.toString()), () -> token)
                .pathValue("/api/v1/models/", "id", model)
                .body("POST /api/v1/models", ModelFixtures.model(ModelFixtures.DIEN_BIEN_PHU, 2018))
                .run();
        System.out.println("Bad-input walk, model-registry-service: " + result);
        assertEquals(List.of(), result.failures(), result.toString());
    }
}
