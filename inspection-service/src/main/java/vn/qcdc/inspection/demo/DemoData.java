package vn.qcdc.inspection.demo;

import java.time.OffsetDateTime;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.StartupEvent;

import vn.qcdc.api.access.Access;
import vn.qcdc.inspection.delegation.Delegation;
import vn.qcdc.inspection.delegation.DelegationService;
import vn.qcdc.inspection.inspection.Inspection;
import vn.qcdc.inspection.inspection.InspectionService;
import vn.qcdc.inspection.recommendation.Recommendation;
import vn.qcdc.inspection.recommendation.RecommendationService;

/**
 * Loads the reference scenario on startup when {@code qcdc.demo-data=true} (env {@code QCDC_DEMO_DATA=true}), once:
 * a marker row makes a restart skip it. It goes through the service layer, so the events are published as well.
 */
@ApplicationScoped
public class DemoData {

    private static final Logger LOG = Logger.getLogger(DemoData.class);
    static final String MARKER = "xuat-hoa-2020";

    @ConfigProperty(name = "qcdc.demo-data", defaultValue = "false")
    boolean enabled;

    @Inject
    EntityManager em;

    @Inject
    DelegationService delegations;

    @Inject
    InspectionService inspections;

    @Inject
    RecommendationService recommendations;

    void onStart(@Observes StartupEvent ev) {
        if (enabled) {
            load();
        }
    }

    /** Loads the scenario unless already loaded; returns whether it loaded it now. */
    public boolean load() {
        return QuarkusTransaction.requiringNew().call(() -> {
            int inserted = em.createNativeQuery("INSERT INTO demo_data_marker (name, loaded_at) VALUES (?1, ?2)"
                    + " ON CONFLICT DO NOTHING").setParameter(1, MARKER).setParameter(2, OffsetDateTime.now())
                    .executeUpdate();
            if (inserted == 0) {
                LOG.info("Demo data already loaded; skipping");
                return false;
            }
            Access.asSystem("system (demo data)", () -> {
                Delegation d = delegations.create(ReferenceScenario.delegation());
                Inspection i = inspections.schedule(ReferenceScenario.inspection(d.id));
                inspections.start(i.id, null);
                ReferenceScenario.findings().forEach(f -> inspections.addFinding(i.id, f));
                inspections.linkEvidence(i.id, ReferenceScenario.evidence());
                inspections.conclude(i.id, null, ReferenceScenario.conclusion());
                List<Recommendation> recs = recommendations.ofInspection(i.id);
                Recommendation figures = recs.get(1);
                recommendations.reportProgress(figures.id, null, ReferenceScenario.progress());
                recommendations.reportCompletion(figures.id, null, ReferenceScenario.completion());
                recommendations.verify(figures.id, null, "Đã kiểm tra báo cáo bổ sung (minh họa).", null);
                Recommendation models = recs.get(3);
                recommendations.reportCompletion(models.id, null, ReferenceScenario.associationsCompletion());
                recommendations.reject(models.id, null,
                        "Chưa có đề nghị công nhận mô hình gửi cấp có thẩm quyền (minh họa).");
                LOG.infof("Demo data loaded: inspection %s at Xuất Hóa, 3 December 2020", i.id);
                return null;
            });
            return true;
        });
    }
}
