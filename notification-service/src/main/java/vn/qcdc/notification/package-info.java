/**
 * Notification service (Nhắc việc, đôn đốc và thông báo): follows up the recommendations of inspections with
 * scheduled reminders and escalation, tells steering committees and organisations about "Dân vận khéo" models, and
 * delivers every notification by email, signed webhook or in-app inbox exactly once per step, recipient and channel.
 */
package vn.qcdc.notification;
