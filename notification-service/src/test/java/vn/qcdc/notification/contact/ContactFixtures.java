package vn.qcdc.notification.contact;

import static io.restassured.RestAssured.given;

import io.restassured.http.ContentType;

import vn.qcdc.testsupport.Tokens;

/** Contacts of the reference scenario (Xuất Hóa ward, Bắc Kạn). Addresses and portal URLs are illustrative. */
public final class ContactFixtures {

    public static final String BAC_KAN = "06";
    public static final String BAC_KAN_CITY = "058";
    public static final String XUAT_HOA = "01855";
    public static final String DIEN_BIEN = "11";
    /** whsec_ + base64 of 32 bytes. */
    public static final String SECRET = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw3Ivqf9B4A0g=";
    public static final String NEW_SECRET = "whsec_c2VjcmV0LXJvdGF0ZWQtMjAyMS0wMS0wMS14eHh4eHg=";

    private ContactFixtures() {
    }

    public static String womensUnion(String unitCode, String email, String webhookUrl, String inboxUser) {
        return contact("WOMENS_UNION", unitCode, "Hội Liên hiệp Phụ nữ phường Xuất Hóa", email, webhookUrl,
                inboxUser);
    }

    public static String contact(String bodyType, String unitCode, String name, String email, String webhookUrl,
            String inboxUser) {
        return """
                {
                  "bodyType": "%s",
                  "unitCode": "%s",
                  "name": "%s",
                  "language": "vi",
                  "emails": [%s],
                  "webhooks": [%s],
                  "inboxUsers": [%s]
                }
                """.formatted(bodyType, unitCode, name, email == null ? "" : "\"" + email + "\"",
                webhookUrl == null ? "" : "{\"url\": \"" + webhookUrl + "\", \"secrets\": [\"" + SECRET + "\"]}",
                inboxUser == null ? "" : "\"" + inboxUser + "\"");
    }

    /** Registers a contact as admin and returns its id. */
    public static String create(String body) {
        return given().auth().oauth2(Tokens.admin()).contentType(ContentType.JSON).body(body).post("/api/v1/contacts")
                .then().statusCode(201).extract().path("id");
    }
}
