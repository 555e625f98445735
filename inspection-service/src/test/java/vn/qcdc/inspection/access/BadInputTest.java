package vn.qcdc.inspection.access;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static vn.qcdc.inspection.Api.as;
import static vn.qcdc.inspection.Api.json;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;

import vn.qcdc.inspection.Api;
import vn.qcdc.inspection.demo.ReferenceScenario;
import vn.qcdc.testsupport.Tokens;

/**
 * Bad input on every endpoint is a 4xx application/problem+json, never a 500: malformed JSON, wrong types, missing
 * fields, unknown enum values, oversize text, invalid dates, a due date before the inspection, bad query parameters.
 */
@QuarkusTest
class BadInputTest {

    final List<String> failures = new ArrayList<>();

    void expect4xx(String what, String method, String path, String body) {
        Response r = as(Tokens.admin()).body(body == null ? "" : body).request(method, path);
        int s = r.statusCode();
        String type = r.contentType();
        if (s < 400 || s >= 500 || type == null || !type.startsWith("application/problem+json")) {
            failures.add(what + " " + method + " " + path + " → " + s + " " + type + " " + r.asString());
        }
    }

    void expect4xxQuery(String what, String path) {
        Response r = as(Tokens.admin()).get(path);
        if (r.statusCode() < 400 || r.statusCode() >= 500 || !r.contentType().startsWith("application/problem+json")) {
            failures.add(what + " GET " + path + " → " + r.statusCode() + " " + r.asString());
        }
    }

    static String big(int n) {
        return "x".repeat(n);
    }

    @Test
    void everyJsonEndpointRefusesBadBodies() {
        String planned = Api.plannedInspection();
        String running = Api.runningInspection();
        String concluded = Api.concludedInspection();
        String rec = (String) Api.recommendationsOf(concluded).get(1).get("id");
        String finding = as(Tokens.admin()).body(json(ReferenceScenario.findings().get(0)))
                .post("/api/v1/inspections/" + running + "/findings").then().statusCode(201).extract().path("id");
        String delegation = Api.delegation();
        String inspectionJson = json(ReferenceScenario.inspection(UUID.fromString(delegation)));
        String findingJson = json(ReferenceScenario.findings().get(3));
        String conclusionJson = json(ReferenceScenario.conclusion());

        // endpoint → {valid body, field replacements that make it wrong}
        Map<String, String[]> endpoints = new LinkedHashMap<>();
        endpoints.put("POST /api/v1/inspections", new String[]{inspectionJson,
                "\"yearAssessed\":2020|\"yearAssessed\":\"năm\"", "\"2020-12-03\"|\"2020-13-45\"",
                "\"QCDC\"|\"GALAXY\"", "\"Ghi chú|\"" + big(5000)});
        endpoints.put("PUT /api/v1/inspections/" + planned, new String[]{
                "{\"scheduledDate\":\"2020-12-04\",\"yearAssessed\":2020,\"topics\":[\"QCDC\"],\"internalNote\":\"n\"}",
                "\"yearAssessed\":2020|\"yearAssessed\":[1]", "\"2020-12-04\"|\"04/12/2020\"", "\"QCDC\"|\"qcdc2\"",
                "\"n\"|\"" + big(5000) + "\""});
        endpoints.put("POST /api/v1/inspections/" + running + "/cancel", new String[]{"{\"reason\":\"r\"}",
                "\"r\"|{}", "\"r\"|\"" + big(3000) + "\""});
        endpoints.put("POST /api/v1/inspections/" + running + "/findings", new String[]{findingJson,
                "\"ACHIEVEMENT\"|\"TRIUMPH\"", "\"DAN_VAN_KHEO_MODELS\"|\"SPORTS\"", "\"value\":7|\"value\":\"bảy\"",
                "\"text\":\"|\"text\":\"" + big(11000)});
        endpoints.put("PUT /api/v1/inspections/" + running + "/findings/" + finding, new String[]{findingJson,
                "\"ACHIEVEMENT\"|\"MAYBE\"", "\"text\":\"|\"text\":\"" + big(11000)});
        endpoints.put("POST /api/v1/inspections/" + running + "/evidence", new String[]{
                json(ReferenceScenario.evidence()), "\"REPORT\"|\"NOVEL\"", "\"2020-11-30\"|\"2020-02-30\"",
                "\"https://|\"ftp://", "\"title\":\"|\"title\":\"" + big(400)});
        endpoints.put("POST /api/v1/inspections/" + running + "/conclusion", new String[]{conclusionJson,
                "\"2021-01-31\"|\"2020-12-01\"", "\"GOVERNMENT\"|\"KING\"", "\"HIGH\"|\"SUPREME\"",
                "\"date\":\"2020-12-03\"|\"date\":\"hôm nay\"", "\"signer\":\"|\"signer\":\"" + big(300),
                "\"date\":\"2020-12-03\"|\"date\":\"2020-12-01\""});
        String progress = json(ReferenceScenario.progress());
        endpoints.put("POST /api/v1/recommendations/" + rec + "/progress", new String[]{progress,
                "\"percent\":60|\"percent\":160", "\"percent\":60|\"percent\":\"sáu mươi\"",
                "\"text\":\"|\"text\":\"" + big(6000)});
        endpoints.put("POST /api/v1/recommendations/" + rec + "/completion", new String[]{
                json(ReferenceScenario.completion()), "\"evidence\":[|\"evidence\":7,\"x\":[",
                "\"text\":\"|\"text\":\"" + big(6000)});
        endpoints.put("POST /api/v1/recommendations/" + rec + "/reject", new String[]{"{\"reason\":\"r\"}",
                "\"r\"|\"" + big(3000) + "\"", "\"r\"|{}"});
        endpoints.put("POST /api/v1/recommendations/" + rec + "/verify", new String[]{"{\"note\":\"n\"}",
                "\"n\"|\"" + big(3000) + "\"", "\"n\"|[1]"});
        endpoints.put("POST /api/v1/recommendations/" + rec + "/deadline", new String[]{
                "{\"dueDate\":\"2021-12-31\",\"reason\":\"r\"}", "\"2021-12-31\"|\"2021-12-32\"",
                "\"2021-12-31\"|\"2020-01-01\"", "\"r\"|\"" + big(3000) + "\""});
        endpoints.put("POST /api/v1/recommendations/" + rec + "/cancel", new String[]{"{\"reason\":\"r\"}",
                "\"r\"|{\"a\":1}"});
        endpoints.put("POST /api/v1/delegations", new String[]{json(ReferenceScenario.delegation()),
                "\"HEAD\"|\"KING\""});

        endpoints.forEach((endpoint, cases) -> {
            String method = endpoint.substring(0, endpoint.indexOf(' '));
            String path = endpoint.substring(endpoint.indexOf(' ') + 1);
            expect4xx("malformed", method, path, "{\"a\":");
            expect4xx("not an object", method, path, "[1,2]");
            expect4xx("empty", method, path, null);
            expect4xx("unknown field", method, path, cases[0].replaceFirst("\\{", "{\"zzz\":1,"));
            if (!path.endsWith("/verify")) {
                expect4xx("missing fields", method, path, "{}");
            }
            for (int k = 1; k < cases.length; k++) {
                String[] swap = cases[k].split("\\|", 2);
                if (!cases[0].contains(swap[0])) {
                    failures.add("test setup: " + endpoint + " has no " + swap[0]);
                    continue;
                }
                expect4xx("case " + swap[1].substring(0, Math.min(30, swap[1].length())), method, path,
                        cases[0].replace(swap[0], swap[1]));
            }
        });
        assertEquals(List.of(), failures);
    }

    @Test
    void queryAndPathParametersAreChecked() {
        for (String q : List.of("year=abc", "status=OPEN", "unit=99999", "limit=0", "limit=100000", "cursor=!!!",
                "q=" + big(300))) {
            expect4xxQuery(q, "/api/v1/inspections?" + q);
        }
        for (String q : List.of("year=abc", "status=DONE", "addressee=KING", "overdue=maybe", "dueFrom=2021-02-30",
                "dueTo=yesterday", "dueFrom=2022-01-01&dueTo=2021-01-01", "sort=priority", "cursor=!!!",
                "inspection=not-a-uuid", "limit=201", "unit=xx", "q=" + big(300))) {
            expect4xxQuery(q, "/api/v1/recommendations?" + q);
        }
        for (String q : List.of("", "unit=99999", "unit=06&year=1066", "unit=06&year=abc")) {
            expect4xxQuery(q, "/api/v1/statistics/recommendations" + (q.isEmpty() ? "" : "?" + q));
        }
        for (String q : List.of("", "unit=99999", "unit=06&cursor=abc", "unit=06&limit=-1")) {
            expect4xxQuery(q, "/api/v1/public/inspections" + (q.isEmpty() ? "" : "?" + q));
        }
        for (String p : List.of("/api/v1/inspections/nope", "/api/v1/inspections/nope/findings",
                "/api/v1/recommendations/nope", "/api/v1/recommendations/nope/history",
                "/api/v1/public/inspections/nope", "/api/v1/inspections/" + UUID.randomUUID() + "/evidence/x/content",
                "/api/v1/recommendations/" + UUID.randomUUID())) {
            expect4xxQuery(p, p);
        }
        assertEquals(List.of(), failures);
    }
}
