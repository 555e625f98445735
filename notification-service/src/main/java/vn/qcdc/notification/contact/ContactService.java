package vn.qcdc.notification.contact;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

import vn.qcdc.api.AnyOf;
import vn.qcdc.api.ETags;
import vn.qcdc.api.RowLocks;
import vn.qcdc.api.access.Access;
import vn.qcdc.api.access.Target;
import vn.qcdc.api.paging.Cursor;
import vn.qcdc.api.paging.Page;
import vn.qcdc.api.problem.ProblemException;
import vn.qcdc.api.security.Caller;
import vn.qcdc.api.text.VietnameseText;
import vn.qcdc.events.BodyType;
import vn.qcdc.notification.access.NotificationOperations;
import vn.qcdc.notification.contact.ContactDto.ContactInput;
import vn.qcdc.notification.contact.ContactDto.ContactView;
import vn.qcdc.notification.contact.ContactDto.WebhookInput;
import vn.qcdc.notification.contact.ContactDto.WebhookView;
import vn.qcdc.notification.digest.DigestFrequency;
import vn.qcdc.notification.webhook.TargetGuard;
import vn.qcdc.notification.webhook.WebhookConfig;
import vn.qcdc.units.AdministrativeUnits;

/**
 * Business rules of the contact directory: one contact per body and unit, valid and reachable channels, and who
 * receives what when a notification names a body at a unit.
 */
@ApplicationScoped
public class ContactService {

    static final String WHAT = "contact";

    @Inject
    Caller caller;

    @Inject
    Access access;

    @Inject
    AdministrativeUnits units;

    @Inject
    Clock clock;

    @Inject
    WebhookConfig webhooks;

    @Transactional
    public Contact create(ContactInput in) {
        access.require(NotificationOperations.CREATE_CONTACT, Target.unit(in.unitCode()));
        if (Contact.count("bodyType = ?1 and unitCode = ?2", in.bodyType().name(), in.unitCode()) > 0) {
            throw ProblemException.conflict("contact-exists", in.bodyType(), in.unitCode());
        }
        Contact c = new Contact();
        c.id = UUID.randomUUID();
        c.createdAt = OffsetDateTime.now(clock);
        c.createdBy = caller.displayName();
        apply(c, in, caller.displayName());
        c.persist();
        return c;
    }

    /**
     * Registers a contact on the system's own authority (demo data at start-up, no caller): same rules otherwise.
     * Returns empty when the body already has a contact at that unit.
     */
    @Transactional
    public Optional<Contact> createAsSystem(ContactInput in, String by) {
        if (Contact.count("bodyType = ?1 and unitCode = ?2", in.bodyType().name(), in.unitCode()) > 0) {
            return Optional.empty();
        }
        Contact c = new Contact();
        c.id = UUID.randomUUID();
        c.createdAt = OffsetDateTime.now(clock);
        c.createdBy = by;
        apply(c, in, by);
        c.persist();
        return Optional.of(c);
    }

    @Transactional
    public Contact update(UUID id, String ifMatch, ContactInput in) {
        Contact c = find(id, NotificationOperations.UPDATE_CONTACT);
        ETags.requireMatch(ifMatch, RowLocks.forUpdate(c).version);
        // Moving the contact to another unit needs the same right there.
        access.require(NotificationOperations.UPDATE_CONTACT, Target.unit(in.unitCode()));
        if (Contact.count("bodyType = ?1 and unitCode = ?2 and id <> ?3", in.bodyType().name(), in.unitCode(),
                id) > 0) {
            throw ProblemException.conflict("contact-exists", in.bodyType(), in.unitCode());
        }
        apply(c, in, caller.displayName());
        return c;
    }

    @Transactional
    public void delete(UUID id, String ifMatch) {
        Contact c = find(id, NotificationOperations.DELETE_CONTACT);
        ETags.requireMatch(ifMatch, RowLocks.forUpdate(c).version);
        c.delete();
    }

    @Transactional
    public Contact find(UUID id) {
        return find(id, NotificationOperations.READ_CONTACT);
    }

    /** The contact if the caller may perform {@code op} on it: 404 if it does not see it, 403 if it only sees it. */
    @Transactional
    public Contact find(UUID id, NotificationOperations op) {
        access.requireRole(op);
        Contact c = Contact.findById(id);
        if (c == null) {
            throw ProblemException.notFound(WHAT, id);
        }
        access.require(op, Target.unit(c.unitCode), WHAT, id);
        return c;
    }

    /** An admin turns a disabled webhook endpoint back on; its failure history starts afresh. */
    @Transactional
    public Contact enableWebhook(UUID contactId, UUID webhookId) {
        Contact c = find(contactId, NotificationOperations.ENABLE_WEBHOOK);
        WebhookEndpoint w = c.webhooks.stream().filter(e -> e.id.equals(webhookId)).findFirst()
                .orElseThrow(() -> ProblemException.notFound("webhook", webhookId));
        w.enabled = true;
        w.disabledAt = null;
        w.disabledReason = null;
        w.failingSince = null;
        c.updatedAt = OffsetDateTime.now(clock);
        c.updatedBy = caller.displayName();
        return c;
    }

    /** Contacts within {@code unitCode} (the unit, below it, merged into it), by unit then name, keyset-paginated. */
    @Transactional
    public Page<ContactView> list(String unitCode, BodyType bodyType, String q, String cursor, Integer limit) {
        int size = Cursor.limit(limit);
        StringBuilder where = new StringBuilder("1 = 1");
        Map<String, Object> params = new HashMap<>();
        Access.Scope scope = access.scope(NotificationOperations.LIST_CONTACTS, unitCode);
        if (!scope.everywhere()) {
            where.append(" and ").append(AnyOf.condition("unitCode", "units"));
            params.put("units", AnyOf.texts(scope.units()));
        }
        if (bodyType != null) {
            where.append(" and bodyType = :bodyType");
            params.put("bodyType", bodyType.name());
        }
        if (q != null && !q.isBlank()) {
            where.append(" and nameKey like :q");
            params.put("q", "%" + VietnameseText.fold(q) + "%");
        }
        if (cursor != null) {
            List<String> c = Cursor.decode(cursor, 2);
            try {
                params.put("cu", c.get(0));
                params.put("cid", UUID.fromString(c.get(1)));
            } catch (IllegalArgumentException e) {
                throw ProblemException.invalidField("cursor", "invalid-cursor");
            }
            where.append(" and (unitCode > :cu or (unitCode = :cu and id > :cid))");
        }
        List<Contact> rows = Contact.<Contact>find(where + " order by unitCode, id", params).page(0, size + 1).list();
        List<ContactView> items = new ArrayList<>();
        for (int i = 0; i < Math.min(size, rows.size()); i++) {
            items.add(view(rows.get(i)));
        }
        String next = rows.size() > size
                ? Cursor.encode(List.of(rows.get(size - 1).unitCode, rows.get(size - 1).id.toString()))
                : null;
        return new Page<>(items, next, size);
    }

    /**
     * The contact that receives what is addressed to {@code bodyType} at {@code unitCode}: the contact registered for
     * that unit, else for the unit that carries its records today (a merged ward's successor).
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public Optional<Contact> recipientOf(BodyType bodyType, String unitCode) {
        Optional<Contact> c = Contact.<Contact>find("bodyType = ?1 and unitCode = ?2", bodyType.name(), unitCode)
                .firstResultOptional();
        if (c.isPresent()) {
            return c;
        }
        return units.currentFor(unitCode, java.time.LocalDate.now(clock))
                .filter(u -> !u.code().equals(unitCode))
                .flatMap(u -> Contact.<Contact>find("bodyType = ?1 and unitCode = ?2", bodyType.name(), u.code())
                        .firstResultOptional());
    }

    public ContactView view(Contact c) {
        return new ContactView(c.id, BodyType.valueOf(c.bodyType), c.unitCode,
                units.find(c.unitCode).map(u -> u.name()).orElse(null), c.name, Contact.Language.valueOf(c.language),
                DigestFrequency.valueOf(c.digest),
                List.of(c.emails), c.webhooks.stream().map(ContactService::view).toList(), List.of(c.inboxUsers),
                c.version, c.createdAt, c.createdBy, c.updatedAt, c.updatedBy);
    }

    static WebhookView view(WebhookEndpoint w) {
        return new WebhookView(w.id, w.url, w.secrets.length, w.enabled, w.disabledReason, w.disabledAt,
                w.failingSince);
    }

    private void apply(Contact c, ContactInput in, String by) {
        if (!units.exists(in.unitCode())) {
            throw ProblemException.invalidField("unitCode", "unknown-unit", in.unitCode());
        }
        List<String> emails = in.emails() == null ? List.of() : in.emails();
        List<WebhookInput> hooks = in.webhooks() == null ? List.of() : in.webhooks();
        List<String> inbox = in.inboxUsers() == null ? List.of() : in.inboxUsers();
        if (emails.isEmpty() && hooks.isEmpty() && inbox.isEmpty()) {
            throw ProblemException.invalidField("emails", "contact-no-channel");
        }
        DigestFrequency digest = in.digest() == null ? DigestFrequency.IMMEDIATE : in.digest();
        if (digest != DigestFrequency.IMMEDIATE && emails.isEmpty() && inbox.isEmpty()) {
            // a digest goes by email and inbox, never by webhook: with neither, the contact would hear nothing
            throw ProblemException.invalidField("digest", "digest-no-channel");
        }
        TargetGuard guard = new TargetGuard(webhooks.allowPrivateTargets());
        for (int i = 0; i < hooks.size(); i++) {
            String refusal = guard.refusal(hooks.get(i).url());
            if (refusal != null) {
                throw ProblemException.invalidField("webhooks[" + i + "].url", refusal);
            }
        }
        c.bodyType = in.bodyType().name();
        c.unitCode = in.unitCode();
        c.name = VietnameseText.nfc(in.name());
        c.nameKey = VietnameseText.fold(in.name());
        c.language = (in.language() == null ? Contact.Language.vi : in.language()).name();
        c.digest = digest.name();
        c.emails = new LinkedHashSet<>(emails.stream().map(String::strip).toList()).toArray(String[]::new);
        c.inboxUsers = new LinkedHashSet<>(inbox.stream().map(String::strip).toList()).toArray(String[]::new);
        // Endpoints keep their identity and health across edits when their URL stays the same.
        Map<String, WebhookEndpoint> existing = new HashMap<>();
        c.webhooks.forEach(w -> existing.put(w.url, w));
        List<WebhookEndpoint> next = new ArrayList<>();
        for (WebhookInput h : hooks) {
            WebhookEndpoint w = existing.remove(h.url());
            if (w == null) {
                w = new WebhookEndpoint();
                w.id = UUID.randomUUID();
                w.contact = c;
                w.url = h.url();
                w.enabled = true;
            }
            if (next.stream().anyMatch(n -> n.url.equals(h.url()))) {
                throw ProblemException.invalidField("webhooks", "webhook-url-duplicate");
            }
            w.secrets = h.secrets().toArray(String[]::new);
            next.add(w);
        }
        c.webhooks.removeIf(w -> !next.contains(w));
        for (WebhookEndpoint w : next) {
            if (!c.webhooks.contains(w)) {
                c.webhooks.add(w);
            }
        }
        c.updatedAt = OffsetDateTime.now(clock);
        c.updatedBy = by;
    }
}
