package vn.qcdc.notification.model;

import java.time.MonthDay;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Notifications about "Dân vận khéo" models ({@code qcdc.models.*}). */
@ConfigMapping(prefix = "qcdc.models")
public interface ModelNotificationConfig {

    /**
     * The day of the year (ISO {@code --MM-dd}) organisations are reminded to self-evaluate their models, early
     * enough before the year-end review.
     */
    @WithDefault("--11-15")
    MonthDay selfEvaluationReminder();
}
