package vn.qcdc.notification.contact;

import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import io.quarkus.runtime.StartupEvent;

import vn.qcdc.events.BodyType;
import vn.qcdc.notification.contact.ContactDto.ContactInput;

/**
 * Demo data ({@code qcdc.demo-data=true}): the contacts of the reference scenario, so the recommendations of the
 * Xuất Hóa inspection reach someone. Loaded once (a contact that exists is left alone). Every address and user
 * name here is illustrative.
 */
@ApplicationScoped
public class DemoContacts {

    private static final Logger LOG = Logger.getLogger(DemoContacts.class);

    @ConfigProperty(name = "qcdc.demo-data", defaultValue = "false")
    boolean enabled;

    @Inject
    ContactService contacts;

    void load(@Observes StartupEvent ev) {
        if (!enabled) {
            return;
        }
        List<ContactInput> demo = List.of(
                contact(BodyType.PARTY_COMMITTEE, "01855", "Đảng ủy phường Xuất Hóa (minh họa)", "danguy"),
                contact(BodyType.GOVERNMENT, "01855", "UBND phường Xuất Hóa (minh họa)", "ubnd"),
                contact(BodyType.FATHERLAND_FRONT, "01855", "Ủy ban MTTQ phường Xuất Hóa (minh họa)", "mttq"),
                contact(BodyType.WOMENS_UNION, "01855", "Hội LHPN phường Xuất Hóa (minh họa)", "phunu"),
                contact(BodyType.PEOPLES_INSPECTION_BOARD, "01855", "Ban TTND phường Xuất Hóa (minh họa)", "ttnd"),
                contact(BodyType.STEERING_COMMITTEE, "01855", "BCĐ QCDC phường Xuất Hóa (minh họa)", "bcd"),
                contact(BodyType.STEERING_COMMITTEE, "058", "BCĐ QCDC thành phố Bắc Kạn (minh họa)", "bcd-tp"),
                contact(BodyType.STEERING_COMMITTEE, "06", "BCĐ QCDC tỉnh Bắc Kạn (minh họa)", "bcd-tinh"));
        int created = 0;
        for (ContactInput in : demo) {
            created += contacts.createAsSystem(in, "demo-data").isPresent() ? 1 : 0;
        }
        LOG.infof("Demo contacts: %d created, %d already there", created, demo.size() - created);
    }

    private static ContactInput contact(BodyType body, String unit, String name, String local) {
        return new ContactInput(body, unit, name, Contact.Language.vi,
                List.of(local + "-" + unit + "@demo.qcdc.example.vn"), List.of(),
                List.of("demo-" + local + "-" + unit), null);
    }
}
