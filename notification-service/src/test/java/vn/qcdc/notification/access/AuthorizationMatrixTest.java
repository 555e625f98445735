package vn.qcdc.notification.access;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static vn.qcdc.api.access.AccessMatrix.Request.delete;
import static vn.qcdc.api.access.AccessMatrix.Request.get;
import static vn.qcdc.api.access.AccessMatrix.Request.post;
import static vn.qcdc.api.access.AccessMatrix.Request.put;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

import vn.qcdc.api.access.AccessMatrix;
import vn.qcdc.api.access.AccessMatrix.Case;
import vn.qcdc.api.access.AccessOracle;
import vn.qcdc.api.access.AccessTable;
import vn.qcdc.api.access.Position;
import vn.qcdc.api.access.Target;
import vn.qcdc.events.EventTypes;
import vn.qcdc.events.Topics;
import vn.qcdc.notification.Events;
import vn.qcdc.notification.MutableClock;
import vn.qcdc.notification.Probe;
import vn.qcdc.notification.contact.ContactFixtures;
import vn.qcdc.notification.contact.ContactResource;
import vn.qcdc.notification.delivery.DeliveryResource;
import vn.qcdc.notification.followup.FollowUpResource;
import vn.qcdc.notification.followup.FollowUpTick;
import vn.qcdc.notification.inbox.InboxResource;
import vn.qcdc.testsupport.Tokens;

/**
 * Who may do what, driven by the service's decision table ({@link NotificationOperations}): every operation, every
 * role, every position around Xuất Hóa must answer exactly what {@link AccessOracle} reads from the same table. Also:
 * the follow-up plan shows who its deliveries went to (addresses, webhook URLs) and their errors only to the roles of
 * the delivery log.
 */
@QuarkusTest
class AuthorizationMatrixTest {

    static final String WARD = ContactFixtures.XUAT_HOA;
    static final String CITY = ContactFixtures.BAC_KAN_CITY;

    @Inject
    FollowUpTick tick;

    static String admin() {
        return Tokens.admin();
    }

    /** The contact of {@code bodyType} at {@code unit}, removed first if one is there (so a creation can succeed). */
    static void removeContact(String bodyType, String unit) {
        List<String> ids = given().auth().oauth2(admin()).queryParam("unit", unit).queryParam("bodyType", bodyType)
                .get("/api/v1/contacts").then().statusCode(200).extract().path("items.findAll { it.unitCode == '"
                        + unit + "' }.id");
        for (String id : ids) {
            given().auth().oauth2(admin()).delete("/api/v1/contacts/" + id).then().statusCode(204);
        }
    }

    static String contact(String bodyType, String unit) {
        return ContactFixtures.contact(bodyType, unit, "Liên hệ " + bodyType, bodyType.toLowerCase() + "@"
                + unit + ".example.vn", null, null);
    }

    static String freshContact(String bodyType, String unit) {
        removeContact(bodyType, unit);
        return ContactFixtures.create(contact(bodyType, unit));
    }

    /** The Front of Xuất Hóa with an e-mail and a webhook, and a recommendation to it with one delivery sent. */
    record Fixture(String contact, String webhook, UUID recommendation, String delivery) {
    }

    Fixture fixture() {
        removeContact("FATHERLAND_FRONT", WARD);
        String body = ContactFixtures.contact("FATHERLAND_FRONT", WARD, "Ủy ban MTTQ phường Xuất Hóa",
                "mttq@xuathoa.example.vn", "https://portal.backan.example.vn/mttq-hook", null);
        String contact = ContactFixtures.create(body);
        String webhook = given().auth().oauth2(admin()).get("/api/v1/contacts/" + contact).then().extract()
                .path("webhooks[0].id");
        UUID rec = UUID.randomUUID();
        Events.send(Topics.INSPECTION.name(), EventTypes.RECOMMENDATION_ISSUED, rec.toString(),
                Events.recommendationIssued(rec, WARD, "FATHERLAND_FRONT", MutableClock.now().toLocalDate()
                        .plusDays(20), "Kiến nghị về hòa giải ở cơ sở"));
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> given().auth().oauth2(admin())
                .get("/api/v1/followups/" + rec).then().statusCode(200));
        MutableClock.moveTo(Probe.stepDue(rec, "/before-14d").plusMinutes(1));
        tick.tick();
        String delivery = given().auth().oauth2(admin()).queryParam("recommendationId", rec.toString())
                .get("/api/v1/deliveries").then().statusCode(200).extract().path("items[0].id");
        return new Fixture(contact, webhook, rec, delivery);
    }

    Map<NotificationOperations, Case> cases(Fixture f) {
        Target contactAtWard = Target.unit(WARD);
        Target atCity = Target.unit(CITY);
        Target plan = Target.decidedBy(WARD, ContactFixtures.BAC_KAN);
        String frontBody = ContactFixtures.contact("FATHERLAND_FRONT", WARD, "Ủy ban MTTQ phường Xuất Hóa",
                "mttq@xuathoa.example.vn", "https://portal.backan.example.vn/mttq-hook", null);
        String sharedToDelete = freshContact("PEOPLES_COUNCIL", CITY);
        Map<NotificationOperations, Case> c = new EnumMap<>(NotificationOperations.class);
        c.put(NotificationOperations.CREATE_CONTACT, new Case(atCity, 201, fresh -> {
            if (fresh) {
                removeContact("YOUTH_UNION", CITY);
            }
            return post("/api/v1/contacts", contact("YOUTH_UNION", CITY));
        }));
        c.put(NotificationOperations.LIST_CONTACTS, new Case(contactAtWard, 200,
                fresh -> get("/api/v1/contacts?unit=" + WARD)));
        c.put(NotificationOperations.READ_CONTACT, new Case(contactAtWard, 200,
                fresh -> get("/api/v1/contacts/" + f.contact())));
        c.put(NotificationOperations.UPDATE_CONTACT, new Case(contactAtWard, 200,
                fresh -> put("/api/v1/contacts/" + f.contact(), frontBody)));
        c.put(NotificationOperations.DELETE_CONTACT, new Case(atCity, 204,
                fresh -> delete("/api/v1/contacts/" + (fresh ? freshContact("WOMENS_UNION", CITY) : sharedToDelete))));
        c.put(NotificationOperations.ENABLE_WEBHOOK, new Case(contactAtWard, 200,
                fresh -> post("/api/v1/contacts/" + f.contact() + "/webhooks/" + f.webhook() + "/enable", null)));
        c.put(NotificationOperations.READ_FOLLOWUP, new Case(plan, 200,
                fresh -> get("/api/v1/followups/" + f.recommendation())));
        c.put(NotificationOperations.LIST_DELIVERIES, new Case(Target.unit(WARD), 200,
                fresh -> get("/api/v1/deliveries?unit=" + WARD)));
        c.put(NotificationOperations.READ_DELIVERY, new Case(Target.unit(WARD), 200,
                fresh -> get("/api/v1/deliveries/" + f.delivery())));
        // The delivery has not failed: a caller the table lets through is answered 409 (nothing to retry).
        c.put(NotificationOperations.RETRY_DELIVERY, new Case(Target.unit(WARD), 409,
                fresh -> post("/api/v1/deliveries/" + f.delivery() + "/retry", null)));
        c.put(NotificationOperations.LIST_INBOX, new Case(Target.unit(WARD), 200, fresh -> get("/api/v1/inbox")));
        // Nobody of the matrix owns this notification: a caller the table lets through is answered 404.
        String someoneElses = UUID.randomUUID().toString();
        c.put(NotificationOperations.MARK_READ, new Case(Target.unit(WARD), 404,
                fresh -> post("/api/v1/inbox/" + someoneElses + "/read", null)));
        c.put(NotificationOperations.MARK_ALL_READ, new Case(Target.unit(WARD), 200,
                fresh -> post("/api/v1/inbox/read-all", null)));
        return c;
    }

    @Test
    void everyOperationAnswersEveryCallerAsTheDecisionTableSays() {
        Fixture f = fixture();
        assertEquals(List.of(), AccessMatrix.run(List.of(NotificationOperations.values()), cases(f)));
    }

    /** Issue 9: the plan showed recipients, webhook URLs and errors to every reader role. */
    @Test
    void followUpShowsWhoDeliveriesWentToOnlyToTheRolesOfTheDeliveryLog() {
        Fixture f = fixture();
        List<String> wrong = new ArrayList<>();
        for (String role : AccessTable.ROLES) {
            for (Position at : Position.values()) {
                String token = Tokens.of(role, at.unit, role.equals("org-officer") ? AccessMatrix.ORG : null);
                var r = given().auth().oauth2(token).get("/api/v1/followups/" + f.recommendation());
                if (r.statusCode() != 200) {
                    continue;
                }
                List<String> recipients = r.jsonPath().getList("sent.recipient");
                boolean shown = !recipients.isEmpty() && recipients.stream().allMatch(x -> x != null);
                boolean hidden = !recipients.isEmpty() && recipients.stream().allMatch(x -> x == null)
                        && r.jsonPath().getList("sent.lastError").stream().allMatch(x -> x == null);
                boolean expected = AccessOracle.expected(NotificationOperations.READ_DELIVERY_DETAILS, role, at,
                        AccessMatrix.ORG, Target.decidedBy(WARD, ContactFixtures.BAC_KAN), 200,
                        AccessMatrix::enabled) == 200;
                if (expected ? !shown : !hidden) {
                    wrong.add(role + "@" + at + ": recipients " + recipients);
                }
            }
        }
        assertEquals(List.of(), wrong);
    }

    @Test
    void everyEndpointIsInTheTableWithTheSameRoles() {
        assertEquals(List.of(),
                AccessMatrix.rolesAllowedMatch(AccessTable.withPlatform(NotificationOperations.values()),
                        AccessTable.withPlatformResources(ContactResource.class, FollowUpResource.class,
                                DeliveryResource.class, InboxResource.class)));
    }

    @Test
    void readmeShowsTheDecisionTable() throws IOException {
        String readme = Files.readString(Path.of("README.md"), StandardCharsets.UTF_8);
        String table = AccessTable.markdown(AccessTable.withPlatform(NotificationOperations.values()));
        assertEquals(table, AccessTable.section(readme).orElse(""),
                "README.md must hold the decision table between the access-table markers:\n" + table);
    }

    /** An integration account whose unit claim is missing sees no contact and no delivery (scope fails closed). */
    @Test
    void aTokenWithoutUnitCoversNothing() {
        String id = freshContact("VETERANS_ASSOCIATION", CITY);
        given().auth().oauth2(Tokens.integration()).get("/api/v1/contacts").then().statusCode(403)
                .contentType("application/problem+json");
        given().auth().oauth2(Tokens.integration()).get("/api/v1/deliveries").then().statusCode(403);
        given().auth().oauth2(Tokens.integration()).get("/api/v1/contacts/" + id).then().statusCode(404);
        given().auth().oauth2(Tokens.integration()).contentType(ContentType.JSON)
                .body(contact("FARMERS_ASSOCIATION", CITY)).post("/api/v1/contacts").then().statusCode(403);
        given().auth().oauth2(Tokens.integration(ContactFixtures.BAC_KAN)).get("/api/v1/contacts/" + id).then()
                .statusCode(200);
    }
}
