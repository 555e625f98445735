package vn.qcdc.modelregistry.demo;

import java.time.LocalDate;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import io.quarkus.runtime.StartupEvent;

import vn.qcdc.modelregistry.model.DvkModel;
import vn.qcdc.modelregistry.model.DvkModel.Level;
import vn.qcdc.modelregistry.model.ModelDto;
import vn.qcdc.modelregistry.model.ModelService;

/**
 * Loads the reference scenario's models on startup when {@code qcdc.demo-data} is true (env QCDC_DEMO_DATA), once:
 * the models have fixed ids, so a restart finds them and does nothing. Goes through {@link ModelService}, so the
 * history and the events are exactly those of real use.
 */
@ApplicationScoped
public class DemoData {

    private static final Logger LOG = Logger.getLogger(DemoData.class);
    static final String ACTOR = "demo-data (minh họa)";

    @ConfigProperty(name = "qcdc.demo-data", defaultValue = "false")
    boolean enabled;

    @Inject
    ModelService service;

    void onStart(@Observes StartupEvent ev) {
        if (enabled) {
            int loaded = load();
            LOG.infof("Demo data: %d of %d Xuất Hóa 2020 models loaded now (the others were already there)", loaded,
                    XuatHoa2020.MODELS.size());
        }
    }

    /** Loads what is missing; returns how many models it loaded. */
    public int load() {
        return service.asSystem(ACTOR, () -> {
            int n = 0;
            for (XuatHoa2020.ScenarioModel s : XuatHoa2020.MODELS) {
                if (DvkModelLookup.exists(s.id())) {
                    continue;
                }
                play(s);
                n++;
            }
            return n;
        });
    }

    private void play(XuatHoa2020.ScenarioModel s) {
        DvkModel m = service.register(s.input(), s.id());
        if (s.outcome() == XuatHoa2020.Outcome.WITHDRAWN) {
            service.withdraw(m.id, null, "Người thực hiện chuyển công tác (minh họa)");
            return;
        }
        service.start(m.id, null, "Triển khai theo kế hoạch năm 2020");
        ModelDto.IndicatorInput ind = s.input().indicators().get(0);
        List<ModelDto.IndicatorValueInput> values = List.of(new ModelDto.IndicatorValueInput(ind.name(),
                ind.target(), null));
        service.report(m.id, new ModelDto.ReportInput(LocalDate.of(2020, 9, 30), "Báo cáo kết quả 9 tháng (minh họa)",
                values, List.of()));
        if (s.outcome() == XuatHoa2020.Outcome.IMPLEMENTING) {
            return;
        }
        service.selfEvaluate(m.id, null, new ModelDto.SelfEvaluationInput("Đạt chỉ tiêu đăng ký (minh họa)",
                values));
        service.propose(m.id, null, new ModelDto.ProposalInput(Level.COMMUNE, XuatHoa2020.UNIT,
                "Ban Chỉ đạo QCDC & DVK phường Xuất Hóa", null));
        switch (s.outcome()) {
            case RECOGNISED, RECOGNISED_OUTSTANDING -> service.recognise(m.id, null, new ModelDto.RecognitionInput(
                    "12/QĐ-BCĐ (minh họa)", LocalDate.of(2020, 12, 15), Level.COMMUNE,
                    "Ban Chỉ đạo QCDC & DVK phường Xuất Hóa",
                    s.outcome() == XuatHoa2020.Outcome.RECOGNISED_OUTSTANDING));
            case NOT_RECOGNISED -> service.reject(m.id, null, "Chưa có số liệu minh chứng cụ thể (minh họa)");
            default -> {
            }
        }
    }

    /** Kept apart so the lookup runs in its own short transaction. */
    static final class DvkModelLookup {
        static boolean exists(java.util.UUID id) {
            return io.quarkus.narayana.jta.QuarkusTransaction.requiringNew()
                    .call(() -> DvkModel.findById(id) != null);
        }
    }

}
