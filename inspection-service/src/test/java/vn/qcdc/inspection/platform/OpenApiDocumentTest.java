package vn.qcdc.inspection.platform;

import static io.restassured.RestAssured.given;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;

import vn.qcdc.testsupport.OpenApiDocuments;

/**
 * The API contract is a committed file: what this service serves at {@code /q/openapi} must be
 * {@code docs/api/inspection-service.openapi.yaml}, so every change of the contract shows in review. Rewrite it with
 * {@code -Dqcdc.api.write=true} (the failure message gives the command).
 */
@QuarkusTest
class OpenApiDocumentTest {

    @Test
    void servedDocumentIsTheCommittedOne() {
        String served = given().get("/q/openapi?format=yaml").then().statusCode(200).extract().asString();
        OpenApiDocuments.assertCommitted("inspection-service", served);
    }
}
