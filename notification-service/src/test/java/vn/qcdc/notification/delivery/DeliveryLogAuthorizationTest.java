package vn.qcdc.notification.delivery;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.greaterThanOrEqualTo;
import static org.hamcrest.Matchers.in;

import java.time.Duration;
import java.util.Set;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;

import vn.qcdc.events.EventTypes;
import vn.qcdc.events.Topics;
import vn.qcdc.notification.Events;
import vn.qcdc.notification.MutableClock;
import vn.qcdc.notification.Probe;
import vn.qcdc.notification.contact.ContactFixtures;
import vn.qcdc.notification.followup.FollowUpTick;
import vn.qcdc.testsupport.Tokens;

/**
 * Who reads the delivery log: admin and integration everything, a unit officer its own unit (and the units below),
 * nobody else; an officer of another province learns nothing about Xuất Hóa's deliveries.
 */
@QuarkusTest
class DeliveryLogAuthorizationTest {

    @Inject
    FollowUpTick tick;

    @Test
    void logIsScopedToTheCallersUnit() {
        ContactFixtures.create(ContactFixtures.contact("FATHERLAND_FRONT", ContactFixtures.XUAT_HOA,
                "Ủy ban MTTQ phường Xuất Hóa", "mttq@xuathoa.example.vn", null, null));
        UUID rec = UUID.randomUUID();
        Events.send(Topics.INSPECTION.name(), EventTypes.RECOMMENDATION_ISSUED, rec.toString(),
                Events.recommendationIssued(rec, ContactFixtures.XUAT_HOA, "FATHERLAND_FRONT",
                        MutableClock.now().toLocalDate().plusDays(20), "Kiến nghị về hòa giải ở cơ sở"));
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> given().auth().oauth2(Tokens.admin())
                .get("/api/v1/followups/" + rec).then().statusCode(200));
        MutableClock.moveTo(Probe.stepDue(rec, "/before-14d").plusMinutes(1));
        tick.tick();
        String id = given().auth().oauth2(Tokens.admin()).queryParam("recommendationId", rec.toString())
                .get("/api/v1/deliveries").then().statusCode(200).body("items.size()", equalTo(1))
                .body("items[0].channel", equalTo("EMAIL")).body("items[0].recipient",
                        equalTo("mttq@xuathoa.example.vn"))
                .extract().path("items[0].id");

        Set<String> xuatHoa = Set.of(ContactFixtures.XUAT_HOA, "01843");
        given().auth().oauth2(Tokens.unitOfficer(ContactFixtures.XUAT_HOA)).get("/api/v1/deliveries").then()
                .statusCode(200).body("items.size()", greaterThanOrEqualTo(1))
                .body("items.unitCode", everyItem(in(xuatHoa)));
        given().auth().oauth2(Tokens.unitOfficer(ContactFixtures.XUAT_HOA)).get("/api/v1/deliveries/" + id).then()
                .statusCode(200);
        given().auth().oauth2(Tokens.integration()).queryParam("channel", "EMAIL").queryParam("status", "PENDING")
                .get("/api/v1/deliveries").then().statusCode(200);

        // another province's officer: refused for the unit, and the record does not exist for it
        given().auth().oauth2(Tokens.unitOfficer(ContactFixtures.DIEN_BIEN)).queryParam("unit",
                ContactFixtures.XUAT_HOA).get("/api/v1/deliveries").then().statusCode(403)
                .contentType("application/problem+json");
        given().auth().oauth2(Tokens.unitOfficer(ContactFixtures.DIEN_BIEN)).get("/api/v1/deliveries/" + id).then()
                .statusCode(404).contentType("application/problem+json");
        // other roles do not read the log; a unit officer does not retry
        for (String token : new String[]{Tokens.viewer(ContactFixtures.XUAT_HOA),
                Tokens.steering(ContactFixtures.XUAT_HOA),
                Tokens.orgOfficer(ContactFixtures.XUAT_HOA, "FATHERLAND_FRONT")}) {
            given().auth().oauth2(token).get("/api/v1/deliveries").then().statusCode(403);
        }
        given().auth().oauth2(Tokens.unitOfficer(ContactFixtures.XUAT_HOA)).post("/api/v1/deliveries/" + id
                + "/retry").then().statusCode(403);
        // follow-up plans: within the caller's unit only
        given().auth().oauth2(Tokens.unitOfficer(ContactFixtures.XUAT_HOA)).get("/api/v1/followups/" + rec).then()
                .statusCode(200);
        given().auth().oauth2(Tokens.unitOfficer(ContactFixtures.DIEN_BIEN)).get("/api/v1/followups/" + rec).then()
                .statusCode(404);
    }
}
