package vn.qcdc.e2e;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.UUID;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import com.fasterxml.jackson.databind.ObjectMapper;

import vn.qcdc.client.inspection.api.DelegationsApi;
import vn.qcdc.client.inspection.api.InspectionsApi;
import vn.qcdc.client.inspection.api.RecommendationsApi;
import vn.qcdc.client.inspection.model.ConclusionInput;
import vn.qcdc.client.inspection.model.DelegationInput;
import vn.qcdc.client.inspection.model.DelegationView;
import vn.qcdc.client.inspection.model.FindingInput;
import vn.qcdc.client.inspection.model.FindingView;
import vn.qcdc.client.inspection.model.InspectionInput;
import vn.qcdc.client.inspection.model.InspectionView;
import vn.qcdc.client.inspection.model.PageRecommendationView;
import vn.qcdc.client.inspection.model.RecommendationView;
import vn.qcdc.client.models.api.ModelsApi;
import vn.qcdc.client.models.model.ModelInput;
import vn.qcdc.client.models.model.ModelView;
import vn.qcdc.client.notification.api.ContactsApi;
import vn.qcdc.client.notification.api.InboxApi;
import vn.qcdc.client.notification.model.ContactInput;
import vn.qcdc.client.notification.model.InboxEntry;
import vn.qcdc.client.notification.model.InboxPage;
import vn.qcdc.infra.DevTokens;

/**
 * The reference scenario through the Java clients generated from the committed OpenAPI documents only (module
 * {@code clients}), against the packaged suite started by its launcher: delegation → inspection → finding → conclusion
 * with five recommendations → progress → completion → verification; a "Dân vận khéo" model to recognition; the
 * organisation's inbox read. Every answer is a typed object; the assertions read its fields. If a document stops
 * saying what the service does (a status, a field, a type), this test fails where an integrator's client would.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class GeneratedClientScenarioTest {

    static final String XUAT_HOA = "01855";
    static final String WOMEN_USER = "phunu-xuathoa-client";

    ChannelsSuite channels;
    RunningSuite suite;
    final String admin = DevTokens.token("admin", null, null);
    final String steering = DevTokens.token("steering", "06", null);
    final String wardOfficer = DevTokens.token("unit-officer", XUAT_HOA, null);
    final String womenOfficer = DevTokens.token("org-officer", XUAT_HOA, "WOMENS_UNION");
    final String womenUser = DevTokens
            .token(DevTokens.TokenSpec.of("org-officer", XUAT_HOA, "WOMENS_UNION").withSubject(WOMEN_USER));

    @BeforeAll
    void startSuite() throws Exception {
        channels = new ChannelsSuite("qcdc-e2e-client-");
        suite = channels.suite;
    }

    @AfterAll
    void stopSuite() throws Exception {
        if (channels != null) {
            channels.close();
        }
    }

    @Test
    void referenceScenarioThroughTheGeneratedClients() throws Exception {
        setClocks(OffsetDateTime.parse("2020-12-03T07:30:00+07:00"));
        ObjectMapper inspectionJson = new vn.qcdc.client.inspection.JSON().getMapper();

        // The organisation whose inbox is read at the end.
        ContactInput contact = new vn.qcdc.client.notification.JSON().getMapper().readValue("""
                {"bodyType": "WOMENS_UNION", "unitCode": "01855", "name": "Hội LHPN phường Xuất Hóa",
                 "language": "vi", "emails": [], "webhooks": [], "inboxUsers": ["%s"]}
                """.formatted(WOMEN_USER), ContactInput.class);
        assertEquals(XUAT_HOA, new ContactsApi(notification(admin)).createContact(contact, key()).getUnitCode());

        // Delegation, inspection, a finding, the conclusion with its five recommendations.
        DelegationView delegation = new DelegationsApi(inspection(steering))
                .createDelegation(inspectionJson.readValue(Scenario.DELEGATION, DelegationInput.class), key());
        assertEquals("06", delegation.getCommitteeUnitCode());
        assertEquals(1, delegation.getMembers().size());

        InspectionsApi inspections = new InspectionsApi(inspection(steering));
        InspectionView planned = inspections.scheduleInspection(
                inspectionJson.readValue(Scenario.inspection(delegation.getId().toString()), InspectionInput.class),
                key());
        assertEquals(XUAT_HOA, planned.getUnitCode());
        assertEquals(LocalDate.parse("2020-12-03"), planned.getScheduledDate());
        assertNull(planned.getConclusion(), "no conclusion before it is issued");
        UUID id = planned.getId();
        InspectionView started = inspections.startInspection(id, key(), "\"v" + planned.getVersion() + "\"");
        assertEquals("IN_PROGRESS", started.getStatus().getValue());

        FindingInput finding = inspectionJson.readValue("""
                {"kind": "ACHIEVEMENT", "area": "OTHER",
                 "text": "Phường đã ban hành kế hoạch thực hiện Quy chế dân chủ ở cơ sở năm 2020."}
                """, FindingInput.class);
        FindingView recorded = inspections.addFinding(id, finding, key());
        assertFalse(recorded.getAmendment());

        InspectionView concluded = inspections.concludeInspection(id,
                inspectionJson.readValue(Scenario.CONCLUSION, ConclusionInput.class), key(), null);
        assertEquals("CONCLUDED", concluded.getStatus().getValue());
        assertEquals(5L, concluded.getRecommendationCount());
        assertEquals("Phạm Duy Hưng", concluded.getConclusion().getSigner());

        // Progress, completion and verification of "Bổ sung số liệu minh chứng" (due 2021-01-31).
        PageRecommendationView page = new RecommendationsApi(inspection(steering)).listRecommendations(null, null,
                null, null, id, null, null, null, null, null, null, null);
        assertEquals(5, page.getItems().size());
        assertNull(page.getNextCursor(), "one page holds them all");
        RecommendationView figures = page.getItems().stream()
                .filter(r -> r.getDueDate().equals(LocalDate.parse("2021-01-31"))).findFirst().orElseThrow();
        RecommendationsApi asWard = new RecommendationsApi(inspection(wardOfficer));
        RecommendationView progressed = asWard.reportProgress(figures.getId(),
                inspectionJson.readValue(Scenario.PROGRESS, vn.qcdc.client.inspection.model.ProgressInput.class),
                key(), null);
        assertEquals(60, progressed.getProgressPercent());
        RecommendationView reported = asWard.reportCompletion(figures.getId(),
                inspectionJson.readValue(Scenario.COMPLETION, vn.qcdc.client.inspection.model.CompletionInput.class),
                key(), null);
        assertEquals("COMPLETION_REPORTED", reported.getStatus().getValue());
        assertNotNull(reported.getCompletionReportedAt());
        RecommendationView verified = new RecommendationsApi(inspection(steering)).verifyRecommendation(
                figures.getId(), new vn.qcdc.client.inspection.model.VerifyInput().note("Đã kiểm tra"), key(),
                "\"v" + reported.getVersion() + "\"");
        assertEquals("VERIFIED", verified.getStatus().getValue());
        assertNotNull(verified.getVerifiedAt());

        // A "Dân vận khéo" model of the Women's Union, from registration to recognition.
        setClocks(OffsetDateTime.parse("2021-09-01T08:30:00+07:00"));
        ObjectMapper modelJson = new vn.qcdc.client.models.JSON().getMapper();
        ModelsApi models = new ModelsApi(models(womenOfficer));
        ModelView model = models.registerModel(modelJson.readValue(Scenario.MODEL, ModelInput.class), key());
        assertEquals("REGISTERED", model.getStatus().getValue());
        assertNull(model.getRecognition());
        UUID modelId = model.getId();
        models.startModel(modelId, modelJson.readValue("{}", vn.qcdc.client.models.model.NoteInput.class), key(), null);
        String values = "[{\"name\": \"Hội viên được vay vốn\", \"achieved\": 30}]";
        models.reportModelResults(modelId, modelJson.readValue("{\"summary\": \"Kết quả 9 tháng\","
                + " \"periodEnd\": \"2021-08-31\", \"indicatorValues\": " + values + "}",
                vn.qcdc.client.models.model.ReportInput.class), key());
        models.selfEvaluateModel(modelId, modelJson.readValue("{\"summary\": \"Đạt chỉ tiêu\", \"indicators\": "
                + values + "}", vn.qcdc.client.models.model.SelfEvaluationInput.class), key(), null);
        ModelView proposed = models.proposeModel(modelId, modelJson.readValue("{\"level\": \"COMMUNE\","
                + " \"unitCode\": \"01855\", \"body\": \"Ban Chỉ đạo phường Xuất Hóa\"}",
                vn.qcdc.client.models.model.ProposalInput.class), key(), null);
        assertEquals("PROPOSED", proposed.getStatus().getValue());
        ModelView recognised = new ModelsApi(models(steering)).recogniseModel(modelId,
                modelJson.readValue("{\"decisionNumber\": \"12/QĐ-BCĐ\", \"decisionDate\": \"2021-09-01\","
                        + " \"level\": \"COMMUNE\", \"body\": \"Ban Chỉ đạo phường Xuất Hóa\", \"outstanding\": true}",
                        vn.qcdc.client.models.model.RecognitionInput.class),
                key(), null);
        assertEquals("RECOGNISED", recognised.getStatus().getValue());
        assertTrue(recognised.getOutstanding());
        assertEquals("12/QĐ-BCĐ", recognised.getRecognition().getDecisionNumber());

        // The organisation reads the recognition in its inbox.
        InboxApi inbox = new InboxApi(notification(womenUser));
        InboxEntry note = await().atMost(Duration.ofSeconds(90)).until(
                () -> inbox.listInbox(null, null, null).getItems().stream()
                        .filter(e -> "MODEL_RECOGNISED".equals(e.getKind())).findFirst().orElse(null),
                e -> e != null);
        assertNull(note.getReadAt());
        InboxEntry read = inbox.markNotificationRead(note.getId(), key());
        assertNotNull(read.getReadAt());
        InboxPage after = inbox.listInbox(null, null, true);
        assertTrue(after.getItems().stream().noneMatch(e -> e.getId().equals(note.getId())),
                "a read notification is not among the unread ones");
    }

    // --- clients ---

    vn.qcdc.client.inspection.ApiClient inspection(String token) {
        return new vn.qcdc.client.inspection.ApiClient().setHost("localhost").setPort(suite.inspectionPort)
                .setRequestInterceptor(b -> b.header("Authorization", "Bearer " + token));
    }

    vn.qcdc.client.models.ApiClient models(String token) {
        return new vn.qcdc.client.models.ApiClient().setHost("localhost").setPort(suite.modelPort)
                .setRequestInterceptor(b -> b.header("Authorization", "Bearer " + token));
    }

    vn.qcdc.client.notification.ApiClient notification(String token) {
        return new vn.qcdc.client.notification.ApiClient().setHost("localhost").setPort(suite.notificationPort)
                .setRequestInterceptor(b -> b.header("Authorization", "Bearer " + token));
    }

    void setClocks(OffsetDateTime now) throws Exception {
        new vn.qcdc.client.inspection.api.AdministrationApi(inspection(admin))
                .setClock(new vn.qcdc.client.inspection.model.SetClock().now(now));
        new vn.qcdc.client.models.api.AdministrationApi(models(admin))
                .setClock(new vn.qcdc.client.models.model.SetClock().now(now));
        new vn.qcdc.client.notification.api.AdministrationApi(notification(admin))
                .setClock(new vn.qcdc.client.notification.model.SetClock().now(now));
    }

    static String key() {
        return UUID.randomUUID().toString();
    }
}
