package vn.qcdc.notification;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;

import vn.qcdc.testsupport.RealInfraResource;

/**
 * Every test of this service runs against the real PostgreSQL ("notification" database) and Kafka broker, a real
 * SMTP server ({@link SmtpServerResource}) and a real HTTP server receiving webhooks ({@link WebhookReceiver}).
 */
@QuarkusTestResource(value = RealInfraResource.class, initArgs = @ResourceArg(name = RealInfraResource.DATABASE_ARG, value = "notification"))
@QuarkusTestResource(SmtpServerResource.class)
public final class NotificationTestInfra {
    private NotificationTestInfra() {
    }
}
