package vn.qcdc.inspection.access;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static vn.qcdc.inspection.Api.as;
import static vn.qcdc.inspection.Api.json;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Supplier;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;

import vn.qcdc.inspection.Api;
import vn.qcdc.inspection.delegation.DelegationFixtures;
import vn.qcdc.inspection.demo.ReferenceScenario;
import vn.qcdc.testsupport.Tokens;

/**
 * Who may do what, for every endpoint: each endpoint is called by each kind of caller, on fresh records where the call
 * changes something, and the status must be exactly the expected one. Records of another province or ward answer
 * 404, exactly as if they did not exist.
 */
@QuarkusTest
class AuthorizationMatrixTest {

    /** The callers of the matrix; a null token means no Authorization header. */
    static final Map<String, String> CALLERS = new LinkedHashMap<>();

    static {
        CALLERS.put("admin", Tokens.admin());
        CALLERS.put("steering-06", Tokens.steering("06"));
        CALLERS.put("steering-11", Tokens.steering("11"));
        CALLERS.put("unit-officer-01855", Tokens.unitOfficer("01855"));
        CALLERS.put("unit-officer-03124", Tokens.unitOfficer("03124"));
        CALLERS.put("org-officer-01855-front", Tokens.orgOfficer("01855", "FATHERLAND_FRONT"));
        CALLERS.put("org-officer-03124-front", Tokens.orgOfficer("03124", "FATHERLAND_FRONT"));
        CALLERS.put("viewer-06", Tokens.viewer("06"));
        CALLERS.put("viewer-11", Tokens.viewer("11"));
        CALLERS.put("integration", Tokens.integration());
        CALLERS.put("anonymous", null);
    }

    static Map<String, Integer> expect(int admin, int steering06, int steering11, int unit01855, int unit03124,
            int org01855, int org03124, int viewer06, int viewer11, int integration, int anonymous) {
        int[] s = {admin, steering06, steering11, unit01855, unit03124, org01855, org03124, viewer06, viewer11,
                integration, anonymous};
        Map<String, Integer> m = new LinkedHashMap<>();
        int k = 0;
        for (String c : CALLERS.keySet()) {
            m.put(c, s[k++]);
        }
        return m;
    }

    static final Map<String, Integer> READ = expect(200, 200, 404, 200, 404, 200, 404, 200, 404, 200, 401);
    static final Map<String, Integer> LIST = expect(200, 200, 200, 200, 200, 200, 200, 200, 200, 200, 401);

    static Map<String, Integer> steer(int ok) {
        return expect(ok, ok, 404, 403, 403, 403, 403, 403, 403, 403, 401);
    }

    static Map<String, Integer> report(int ok) {
        return expect(ok, 403, 403, ok, 404, ok, 404, 403, 403, 403, 401);
    }

    /** One call: how to prepare it (fresh state when it changes something) and what to send. */
    record Call(String method, Supplier<String> path, String body, boolean multipart) {
    }

    static Call get(Supplier<String> path) {
        return new Call("GET", path, null, false);
    }

    static Call post(Supplier<String> path, String body) {
        return new Call("POST", path, body, false);
    }

    static Call put(Supplier<String> path, String body) {
        return new Call("PUT", path, body, false);
    }

    int send(String token, Call call) {
        String path = call.path().get();
        RequestSpecification req = token == null ? given() : given().auth().oauth2(token);
        if (call.multipart()) {
            req = req.multiPart("file", "a.txt", "nội dung".getBytes()).multiPart("title", "Ảnh")
                    .multiPart("kind", "PHOTO");
        } else if (call.body() != null) {
            req = req.contentType(ContentType.JSON).body(call.body());
        }
        return req.request(call.method(), path).then().extract().statusCode();
    }

    final List<String> failures = new ArrayList<>();

    void check(String name, Call call, Map<String, Integer> expected) {
        expected.forEach((caller, status) -> {
            int got = send(CALLERS.get(caller), call);
            if (got != status) {
                failures.add(name + " as " + caller + ": expected " + status + ", got " + got);
            }
        });
    }

    // Shared read-only fixtures.
    static String concluded;
    static String delegation;

    static synchronized void fixtures() {
        if (concluded == null) {
            concluded = Api.concludedInspection();
            delegation = Api.delegation();
            as(Tokens.steering("06")).body(json(ReferenceScenario.findings().get(0)))
                    .post("/api/v1/inspections/" + concluded + "/findings").then().statusCode(201);
        }
    }

    static String rec(String inspection, int index) {
        return (String) Api.recommendationsOf(inspection).get(index).get("id");
    }

    static String firstFinding(String inspection) {
        return as(Tokens.admin()).get("/api/v1/inspections/" + inspection + "/findings").jsonPath()
                .getString("[0].id");
    }

    static String uploaded(String inspection) {
        return given().auth().oauth2(Tokens.admin()).multiPart("file", "a.txt", "x".getBytes())
                .multiPart("title", "t").multiPart("kind", "PHOTO")
                .post("/api/v1/inspections/" + inspection + "/evidence/upload").then().statusCode(201).extract()
                .path("downloadUrl");
    }

    @Test
    void everyEndpointAnswersEachCallerAsSpecified() {
        fixtures();
        String d = delegation;
        String i = concluded;
        String r = rec(i, 3);
        String finding = firstFinding(i);
        String download = uploaded(i);
        String deleg = json(ReferenceScenario.delegation());
        String reason = "{\"reason\":\"Lý do\"}";

        // Delegations
        check("POST /delegations", post(() -> "/api/v1/delegations", deleg),
                expect(201, 201, 403, 403, 403, 403, 403, 403, 403, 403, 401));
        check("GET /delegations", get(() -> "/api/v1/delegations"), LIST);
        // A delegation belongs to its committee's unit (the province): ward officers do not see it.
        check("GET /delegations/{id}", get(() -> "/api/v1/delegations/" + d),
                expect(200, 200, 404, 404, 404, 404, 404, 200, 404, 200, 401));
        check("PUT /delegations/{id}", put(() -> "/api/v1/delegations/" + d, deleg), steer(200));

        // Inspections
        check("POST /inspections", post(() -> "/api/v1/inspections",
                json(ReferenceScenario.inspection(UUID.fromString(d)))), steer(201));
        check("GET /inspections", get(() -> "/api/v1/inspections"), LIST);
        check("GET /inspections/{id}", get(() -> "/api/v1/inspections/" + i), READ);
        check("PUT /inspections/{id}", put(Api::plannedInspection0, "{\"scheduledDate\":\"2020-12-04\","
                + "\"yearAssessed\":2020,\"topics\":[\"QCDC\"]}"), steer(200));
        check("POST /inspections/{id}/start", post(() -> Api.plannedInspection0() + "/start", null), steer(200));
        check("POST /inspections/{id}/cancel", post(() -> Api.plannedInspection0() + "/cancel", reason),
                steer(200));
        check("POST /inspections/{id}/conclusion", post(() -> "/api/v1/inspections/" + Api.runningInspection()
                + "/conclusion", json(Api.conclusionWith(List.of()))), steer(200));
        check("GET /inspections/{id}/history", get(() -> "/api/v1/inspections/" + i + "/history"), READ);
        check("POST /inspections/{id}/findings", post(() -> "/api/v1/inspections/" + i + "/findings",
                json(ReferenceScenario.findings().get(1))), steer(201));
        check("GET /inspections/{id}/findings", get(() -> "/api/v1/inspections/" + i + "/findings"), READ);
        check("PUT /inspections/{id}/findings/{fid}", put(() -> {
            String fresh = Api.runningInspection();
            as(Tokens.admin()).body(json(ReferenceScenario.findings().get(1)))
                    .post("/api/v1/inspections/" + fresh + "/findings").then().statusCode(201);
            return "/api/v1/inspections/" + fresh + "/findings/" + firstFinding(fresh);
        }, json(ReferenceScenario.findings().get(2))), steer(200));
        check("POST /inspections/{id}/evidence", post(() -> "/api/v1/inspections/" + i + "/evidence",
                json(ReferenceScenario.evidence())), steer(201));
        check("POST /inspections/{id}/evidence/upload", new Call("POST",
                () -> "/api/v1/inspections/" + i + "/evidence/upload", null, true), steer(201));
        check("GET /inspections/{id}/evidence", get(() -> "/api/v1/inspections/" + i + "/evidence"), READ);
        check("GET /inspections/{id}/evidence/{eid}/content", get(() -> download), READ);

        // Recommendations
        check("GET /recommendations", get(() -> "/api/v1/recommendations"), LIST);
        check("GET /recommendations/{id}", get(() -> "/api/v1/recommendations/" + r), READ);
        check("GET /recommendations/{id}/reports", get(() -> "/api/v1/recommendations/" + r + "/reports"), READ);
        check("GET /recommendations/{id}/history", get(() -> "/api/v1/recommendations/" + r + "/history"), READ);
        check("POST /recommendations/{id}/progress", post(() -> "/api/v1/recommendations/" + r + "/progress",
                json(ReferenceScenario.progress())), report(200));
        check("POST /recommendations/{id}/progress (not addressed to the org)", post(
                () -> "/api/v1/recommendations/" + rec(i, 1) + "/progress", json(ReferenceScenario.progress())),
                expect(200, 403, 403, 200, 404, 403, 404, 403, 403, 403, 401));
        check("POST /recommendations/{id}/completion", post(() -> "/api/v1/recommendations/"
                + rec(Api.concludedInspection(), 3) + "/completion", json(ReferenceScenario.completion())),
                report(200));
        check("POST /recommendations/{id}/verify", post(() -> "/api/v1/recommendations/" + completed() + "/verify",
                "{}"), steer(200));
        check("POST /recommendations/{id}/reject", post(() -> "/api/v1/recommendations/" + completed() + "/reject",
                reason), steer(200));
        check("POST /recommendations/{id}/deadline", post(() -> "/api/v1/recommendations/" + r + "/deadline",
                "{\"dueDate\":\"2021-12-31\",\"reason\":\"Gia hạn\"}"), steer(200));
        check("POST /recommendations/{id}/cancel", post(() -> "/api/v1/recommendations/"
                + rec(Api.concludedInspection(), 0) + "/cancel", reason), steer(200));

        // Statistics and public disclosure
        check("GET /statistics/recommendations", get(() -> "/api/v1/statistics/recommendations?unit=01855&year=2020"),
                expect(200, 200, 403, 200, 403, 200, 403, 200, 403, 200, 401));
        check("GET /public/inspections", get(() -> "/api/v1/public/inspections?unit=06"),
                expect(200, 200, 200, 200, 200, 200, 200, 200, 200, 200, 200));
        check("GET /public/inspections/{id}", get(() -> "/api/v1/public/inspections/" + i),
                expect(200, 200, 200, 200, 200, 200, 200, 200, 200, 200, 200));

        assertEquals(List.of(), failures);
    }

    /** A recommendation whose completion has been reported (fresh). */
    static String completed() {
        String r = rec(Api.concludedInspection(), 1);
        as(Tokens.unitOfficer("01855")).body(json(ReferenceScenario.completion()))
                .post("/api/v1/recommendations/" + r + "/completion").then().statusCode(200);
        return r;
    }

    @Test
    void wardsCannotSeeEachOthersRecordsBothWaysAndTheAnswerLeaksNothing() {
        fixtures();
        // An inspection of Phan Đình Phùng ward (05443) by the Thái Nguyên committee (19), in 2025.
        String d19 = as(Tokens.steering("19")).body(DelegationFixtures.bacKanDelegation()
                .replace("\"committeeUnitCode\": \"06\"", "\"committeeUnitCode\": \"19\"").replace("2020", "2025"))
                .post("/api/v1/delegations").then().statusCode(201).extract().path("id");
        String i19 = as(Tokens.steering("19")).body("{\"delegationId\":\"" + d19 + "\",\"unitCode\":\"05443\","
                + "\"scheduledDate\":\"2025-09-10\",\"yearAssessed\":2025,\"topics\":[\"QCDC\"]}")
                .post("/api/v1/inspections").then().statusCode(201).extract().path("id");
        String missing = UUID.randomUUID().toString();
        // Xuất Hóa's officer cannot see Điện Biên Phủ's inspection, and vice versa.
        for (String[] c : new String[][]{{Tokens.unitOfficer("01855"), i19}, {Tokens.unitOfficer("05443"),
                concluded}}) {
            as(c[0]).get("/api/v1/inspections/" + c[1]).then().statusCode(404).body("code", equalTo("not-found"))
                    .body("title", equalTo("Không tìm thấy"));
            as(c[0]).get("/api/v1/inspections/" + missing).then().statusCode(404).body("code", equalTo("not-found"))
                    .body("title", equalTo("Không tìm thấy"));
        }
        // Writing is refused the same way: a record outside your unit does not exist for you.
        String r = rec(concluded, 1);
        as(Tokens.unitOfficer("05443")).body(json(ReferenceScenario.progress()))
                .post("/api/v1/recommendations/" + r + "/progress").then().statusCode(404);
        as(Tokens.unitOfficer("05443")).body(json(ReferenceScenario.progress()))
                .post("/api/v1/recommendations/" + missing + "/progress").then().statusCode(404);
        as(Tokens.steering("06")).body(reasonBody()).post("/api/v1/inspections/" + i19 + "/cancel").then()
                .statusCode(404);
        as(Tokens.steering("05443")).body(reasonBody()).post("/api/v1/inspections/" + concluded + "/cancel").then()
                .statusCode(404);
    }

    static String reasonBody() {
        return "{\"reason\":\"x\"}";
    }
}
