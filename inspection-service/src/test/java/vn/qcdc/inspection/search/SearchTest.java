package vn.qcdc.inspection.search;

import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static vn.qcdc.inspection.Api.as;
import static vn.qcdc.inspection.Api.json;

import java.util.List;
import java.util.Random;
import java.util.UUID;

import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

import org.junit.jupiter.api.Test;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;

import vn.qcdc.inspection.Api;
import vn.qcdc.inspection.delegation.Delegation;
import vn.qcdc.inspection.delegation.DelegationDto.DelegationInput;
import vn.qcdc.inspection.delegation.DelegationDto.MemberInput;
import vn.qcdc.inspection.demo.ReferenceScenario;
import vn.qcdc.testsupport.Tokens;

/**
 * Search (issue 12, point 6): recommendations by the names of the bodies they are addressed to and by the
 * conclusion's signer; inspections by their delegation's name, head and members; without diacritics, as before.
 */
@QuarkusTest
class SearchTest {

    @Inject
    SearchKeyBackfill backfill;

    @Inject
    EntityManager em;

    /** A name no other test uses, so that the lists' answers are exact. */
    private static String unique() {
        Random r = new Random();
        StringBuilder s = new StringBuilder();
        for (int i = 0; i < 8; i++) {
            s.append((char) ('a' + r.nextInt(26)));
        }
        return s.toString();
    }

    private static DelegationInput delegation(String name, String head, String member) {
        DelegationInput d = ReferenceScenario.delegation();
        return new DelegationInput(name, d.committeeName(), d.committeeLevel(), d.committeeUnitCode(), d.year(),
                d.topics(), List.of(new MemberInput(head, "Trưởng đoàn", Delegation.MemberRole.HEAD),
                        new MemberInput(member, "Thành viên", Delegation.MemberRole.MEMBER)));
    }

    private String inspectionOf(String delegationId) {
        return as(Tokens.steering("06")).body(json(ReferenceScenario.inspection(UUID.fromString(delegationId))))
                .post("/api/v1/inspections").then().statusCode(201).extract().path("id");
    }

    private List<String> inspectionsFound(String q) {
        return as(Tokens.steering("06")).queryParam("q", q).queryParam("limit", 200).get("/api/v1/inspections")
                .then().statusCode(200).extract().path("items.id");
    }

    @Test
    void inspectionsByDelegationNameHeadAndMembers() {
        String tag = unique();
        String d = as(Tokens.steering("06")).body(json(delegation("Đoàn kiểm tra Lạng " + tag, "Phạm Thị Hưởng " + tag,
                "Hoàng Văn Đức " + tag))).post("/api/v1/delegations").then().statusCode(201).extract().path("id");
        String id = inspectionOf(d);
        for (String q : List.of("pham thi huong " + tag, "PHẠM THỊ HƯỞNG " + tag, "hoang van duc " + tag,
                "doan kiem tra lang " + tag)) {
            assertTrue(inspectionsFound(q).equals(List.of(id)), q + " → " + inspectionsFound(q));
        }
        // Changing the delegation's members changes what finds its inspections.
        String etag = as(Tokens.steering("06")).get("/api/v1/delegations/" + d).then().extract().header("ETag");
        as(Tokens.steering("06")).header("If-Match", etag).body(json(delegation("Đoàn kiểm tra Lạng " + tag,
                "Phạm Thị Hưởng " + tag, "Lò Văn Mới " + tag))).put("/api/v1/delegations/" + d).then()
                .statusCode(200);
        assertTrue(inspectionsFound("lo van moi " + tag).equals(List.of(id)));
        assertTrue(inspectionsFound("hoang van duc " + tag).isEmpty());
        // The article's head is found without diacritics ("Pham Duy Hung" used to find nothing).
        Api.plannedInspection();
        as(Tokens.steering("06")).queryParam("q", "Pham Duy Hung").queryParam("unit", "01855")
                .queryParam("limit", 1).get("/api/v1/inspections").then().statusCode(200).body("items", hasSize(1));
    }

    /** {@code %} and {@code _} in a query are characters to find, not wildcards (the inspections' list took them so). */
    @Test
    void wildcardsAreCharactersToFind() {
        Api.concludedInspection(); // something that "%" as a wildcard would find
        org.junit.jupiter.api.Assertions.assertEquals(List.of(), inspectionsFound("%"));
        org.junit.jupiter.api.Assertions.assertEquals(List.of(), inspectionsFound("x_a"));
        as(Tokens.admin()).queryParam("q", "%").get("/api/v1/recommendations").then().statusCode(200)
                .body("items", hasSize(0));
    }

    /**
     * Issue 11: a query with whole words is answered through the word index (SearchWords), and must find exactly
     * what a substring match finds: words split at any punctuation, a first word that is the end of a longer one, a
     * last word that is the beginning of one, a word cut in the middle.
     */
    @Test
    void recommendationsByWordsFindWhatASubstringFinds() {
        String code = unique();
        var first = ReferenceScenario.conclusion().recommendations().get(0);
        String insp = Api.concludedInspection(Api.conclusionWith(List.of(
                Api.withDue(first, first.dueDate(), "Kiến nghị số 12/2021-QĐ " + code + " về công khai tài chính"),
                Api.withDue(first, first.dueDate(), "Kiến nghị số 12/2022-QĐ " + code + " về tiếp dân"))));
        List<String> wrong = new java.util.ArrayList<>();
        for (String q : new String[]{"số 12/2021-QĐ " + code + " về", "12/2021", "nghị số 12/2021", "o 12/2021-q",
                "ĐQ-1202/21 " + code, code.substring(2) + " về công kh", "ến nghị số 12/2021-QĐ"}) {
            List<Integer> expected = q.startsWith("ĐQ") ? List.of() : List.of(1);
            List<Integer> found = as(Tokens.admin()).queryParam("inspection", insp).queryParam("q", q)
                    .get("/api/v1/recommendations").then().statusCode(200).extract().path("items.seq");
            if (!found.equals(expected)) {
                wrong.add(q + ": " + found);
            }
        }
        org.junit.jupiter.api.Assertions.assertEquals(List.of(), wrong);
        as(Tokens.admin()).queryParam("inspection", insp).queryParam("q", "số 12/202").get("/api/v1/recommendations")
                .then().statusCode(200).body("items.seq", org.hamcrest.Matchers.containsInAnyOrder(1, 2));
    }

    @Test
    void recommendationsByAddresseeNamesAndSigner() {
        String insp = Api.concludedInspection();
        // Addressed to the party committee: recommendations 1 and 3; to the veterans' association: 4.
        as(Tokens.admin()).queryParam("inspection", insp).queryParam("q", "dang uy").get("/api/v1/recommendations")
                .then().statusCode(200).body("items.seq", org.hamcrest.Matchers.containsInAnyOrder(1, 3));
        as(Tokens.admin()).queryParam("inspection", insp).queryParam("q", "Cựu chiến binh")
                .get("/api/v1/recommendations").then().statusCode(200).body("items.seq", equalTo(List.of(4)));
        // Signed by the head of the delegation: all five.
        as(Tokens.admin()).queryParam("inspection", insp).queryParam("q", "pham duy hung")
                .get("/api/v1/recommendations").then().statusCode(200).body("items", hasSize(5));
    }

    @Test
    void keysWrittenBeforeThisVersionAreRewrittenAtStart() {
        String tag = unique();
        String d = as(Tokens.steering("06"))
                .body(json(delegation("Đoàn " + tag, "Vi Văn Cũ " + tag, "Ma Thị Cũ " + tag)))
                .post("/api/v1/delegations").then().statusCode(201).extract().path("id");
        String id = inspectionOf(d);
        // As version 1 wrote it: the ward only.
        QuarkusTransaction.requiringNew().run(() -> em.createNativeQuery("UPDATE inspection SET search_version = 1,"
                + " search_key = 'phuong xuat hoa 01855' WHERE id = ?1").setParameter(1, UUID.fromString(id))
                .executeUpdate());
        assertTrue(inspectionsFound("vi van cu " + tag).isEmpty());
        assertTrue(backfill.backfill() >= 1);
        assertTrue(inspectionsFound("vi van cu " + tag).equals(List.of(id)));
    }
}
