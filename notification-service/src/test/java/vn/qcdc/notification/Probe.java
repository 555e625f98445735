package vn.qcdc.notification;

import static io.restassured.RestAssured.given;

import java.time.OffsetDateTime;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.mail.internet.MimeMessage;

import io.restassured.path.json.JsonPath;

import vn.qcdc.testsupport.Tokens;

/** What tests look at: a follow-up plan through the API, and what the SMTP server received. */
public final class Probe {

    private Probe() {
    }

    public static JsonPath plan(UUID id) {
        return given().auth().oauth2(Tokens.admin()).get("/api/v1/followups/" + id).then().statusCode(200).extract()
                .jsonPath();
    }

    /** When the step whose key ends with {@code suffix} is due. */
    public static OffsetDateTime stepDue(UUID id, String suffix) {
        List<Map<String, Object>> steps = plan(id).getList("steps");
        return steps.stream().filter(s -> ((String) s.get("step")).endsWith(suffix)).findFirst()
                .map(s -> OffsetDateTime.parse((String) s.get("dueAt")))
                .orElseThrow(() -> new AssertionError("no step " + suffix + " in " + steps));
    }

    /** The subjects of the emails {@code address} received (for failure messages). */
    public static List<String> subjectsTo(String address) {
        return Arrays.stream(SmtpServerResource.server().getReceivedMessages()).filter(m -> {
            try {
                return Arrays.stream(m.getAllRecipients()).anyMatch(a -> a.toString().equals(address));
            } catch (Exception e) {
                return false;
            }
        }).map(m -> {
            try {
                return ((MimeMessage) m).getSubject();
            } catch (Exception e) {
                return "?";
            }
        }).toList();
    }

    /**
     * Emails to {@code address} whose subject contains {@code subject} and whose text contains {@code text}: other
     * tests' recommendations, left open, may notify the same contact.
     */
    public static long emailsAbout(String address, String subject, String text) {
        return Arrays.stream(SmtpServerResource.server().getReceivedMessages()).filter(m -> {
            try {
                return Arrays.stream(m.getAllRecipients()).anyMatch(a -> a.toString().equals(address))
                        && ((MimeMessage) m).getSubject().contains(subject)
                        && String.valueOf(m.getContent()).contains(text);
            } catch (Exception e) {
                return false;
            }
        }).count();
    }

    /** The delivery log of {@code recommendationId}: channel, status, attempts, last error, next attempt of each. */
    public static List<Map<String, Object>> deliveries(UUID recommendationId) {
        return given().auth().oauth2(Tokens.admin()).queryParam("recommendationId", recommendationId.toString())
                .queryParam("limit", 200).get("/api/v1/deliveries").then().statusCode(200).extract().path("items");
    }

    /**
     * Lets the business clock reach the retries of these recommendations' deliveries. A send that failed once (an
     * SMTP session or a portal slower than its deadline on a loaded machine) is tried again at its next attempt, on
     * the business clock; the tests' clock only moves when a test moves it, so a test waiting for a delivery moves it
     * there (never backwards), as time would pass. Returns whether some delivery was waiting for a retry.
     */
    public static boolean letRetriesComeDue(java.util.Collection<UUID> recommendationIds) {
        OffsetDateTime latest = null;
        for (UUID id : recommendationIds) {
            for (Map<String, Object> d : deliveries(id)) {
                if ("PENDING".equals(d.get("status")) && ((Number) d.get("attempts")).intValue() > 0) {
                    OffsetDateTime next = OffsetDateTime.parse((String) d.get("nextAttemptAt"));
                    latest = latest == null || next.isAfter(latest) ? next : latest;
                }
            }
        }
        if (latest == null) {
            return false;
        }
        MutableClock.moveTo(latest.plusSeconds(1));
        return true;
    }

    /** Emails the SMTP server received for {@code address} whose subject contains {@code containing}. */
    public static long emailsTo(String address, String containing) {
        return Arrays.stream(SmtpServerResource.server().getReceivedMessages()).filter(m -> {
            try {
                return Arrays.stream(m.getAllRecipients()).anyMatch(a -> a.toString().equals(address))
                        && ((MimeMessage) m).getSubject().contains(containing);
            } catch (Exception e) {
                return false;
            }
        }).count();
    }
}
