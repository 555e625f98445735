package vn.qcdc.notification.platform;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.URI;
import java.net.URISyntaxException;
import java.net.URL;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;

import vn.qcdc.notification.contact.ContactFixtures;
import vn.qcdc.testsupport.BadInputWalker;
import vn.qcdc.testsupport.Tokens;

/**
 * Every operation of this service's OpenAPI document against the hostile-input corpus of {@link BadInputWalker}: never
 * a 5xx, always problem+json with a stable type, never a hang. A real contact so that the cases reach the database.
 */
@QuarkusTest
class BadInputWalkTest {

    @TestHTTPResource("/")
    URL root;

    @Test
    void everyOperationAnswersHostileInputWithAProblem() throws URISyntaxException {
        String token = Tokens.admin();
        String contact = ContactFixtures.create(ContactFixtures.contact("VETERANS_ASSOCIATION", "03127",
                "Hội Cựu chiến binh", "ccb@example.org", null, null));
        BadInputWalker.Result result = BadInputWalker.of(new URI(root.toString()), () -> token)
                .pathValue("/api/v1/contacts/", "id", contact)
                .body("POST /api/v1/contacts", ContactFixtures.contact("FARMERS_ASSOCIATION", "03127",
                        "Hội Nông dân", "hnd@example.org", null, null))
                .run();
        System.out.println("Bad-input walk, notification-service: " + result);
        assertEquals(List.of(), result.failures(), result.toString());
    }
}
