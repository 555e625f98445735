package vn.qcdc.modelregistry.statistics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.UUID;

import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

import org.junit.jupiter.api.Test;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;

import vn.qcdc.api.problem.ProblemException;
import vn.qcdc.events.BodyType;
import vn.qcdc.modelregistry.access.ModelOperations;
import vn.qcdc.modelregistry.model.DvkModel;
import vn.qcdc.modelregistry.model.ModelDto;
import vn.qcdc.modelregistry.model.ModelService;

/**
 * The statistics read from the summary rows equal the statistics counted from the models themselves, after a random
 * mix of every kind of write (registration, moves between units, years and organisations, every status change,
 * outstanding recognitions, continuations into a year after the 2025 mergers, and refused writes that roll back).
 */
@QuarkusTest
class StatisticsSummaryTest {

    static final String[] UNITS = {"01834", "01837", "01840", "01855", "03127"};
    static final BodyType[] ORGS = Arrays.stream(BodyType.values()).filter(b -> b != BodyType.STEERING_COMMITTEE)
            .toArray(BodyType[]::new);

    @Inject
    ModelService service;

    @Inject
    StatisticsService statistics;

    @Inject
    EntityManager em;

    final Random random = new Random(20_201_203);

    @Test
    void summaryRowsEqualTheGroupedCountAfterRandomWrites() {
        List<UUID> ids = new ArrayList<>();
        int refused = service.asSystem("statistics-summary-test", () -> {
            int r = 0;
            for (int i = 0; i < 160; i++) {
                try {
                    write(ids);
                } catch (ProblemException e) {
                    r++; // refused (e.g. a continuation's year cannot move): rolled back, counts included
                }
            }
            return r;
        });
        assertTrue(ids.size() >= 30, "models written: " + ids.size());
        assertTrue(refused < 160, "refused: " + refused);

        // Every summary row equals a recount from the models, and no count is missing.
        long mismatches = QuarkusTransaction.requiringNew().call(() -> ((Number) em.createNativeQuery("""
                WITH recount AS (
                    SELECT k.unit_code, k.year, k.org_type, k.dimension, k.value, sum(m.n) AS n
                    FROM (SELECT unit_code, year, org_type, field, kind, status, outstanding, count(*) AS n
                          FROM dvk_model GROUP BY 1, 2, 3, 4, 5, 6, 7) m
                    CROSS JOIN LATERAL dvk_model_count_keys(m.unit_code, m.year, m.org_type, m.field, m.kind,
                        m.status, m.outstanding) k
                    GROUP BY 1, 2, 3, 4, 5),
                kept AS (SELECT unit_code, year, org_type, dimension, value, n FROM dvk_model_count WHERE n <> 0)
                SELECT count(*) FROM ((SELECT * FROM recount EXCEPT SELECT * FROM kept)
                    UNION ALL (SELECT * FROM kept EXCEPT SELECT * FROM recount)) d
                """).getSingleResult()).longValue());
        assertEquals(0, mismatches, "summary rows that differ from a recount of the models");

        service.asSystem("statistics-summary-test", () -> {
            for (String unit : Arrays.asList(null, "19", "06", "058", "01855", "01843", "11", "03127")) {
                for (Integer year : Arrays.asList(null, 2017, 2019, 2020, 2022, 2023, 2026)) {
                    assertEquals(statistics.countedFromModels(ModelOperations.STATISTICS, unit, year),
                            statistics.statistics(ModelOperations.STATISTICS, unit, year),
                            "statistics of " + unit + " in " + year);
                }
            }
            return null;
        });
    }

    private void write(List<UUID> ids) {
        int op = ids.size() < 5 ? 0 : random.nextInt(7);
        if (op == 0) {
            ids.add(service.register(input(UNITS[random.nextInt(UNITS.length)], 2017 + random.nextInt(6)), null).id);
            return;
        }
        UUID id = ids.get(random.nextInt(ids.size()));
        DvkModel m = service.find(id);
        switch (op) {
            case 1, 2, 3 -> advance(m);
            case 4 -> service.withdraw(id, null, "Rút đăng ký (kiểm thử)");
            case 5 -> service.update(id, null, input(UNITS[random.nextInt(UNITS.length)], 2017 + random.nextInt(6)));
            default -> ids.add(service.continueInto(id, new ModelDto.ContinuationInput(
                    random.nextBoolean() ? 2023 : 2026, null)).id);
        }
    }

    /** The next step of the model's life cycle (refused when it has none). */
    private void advance(DvkModel m) {
        List<ModelDto.IndicatorValueInput> values = List.of(new ModelDto.IndicatorValueInput("Hộ được hỗ trợ",
                BigDecimal.TEN, null));
        switch (m.statusValue()) {
            case REGISTERED -> service.start(m.id, null, null);
            case IMPLEMENTING -> service.selfEvaluate(m.id, null, new ModelDto.SelfEvaluationInput("Đạt", values));
            case SELF_EVALUATED -> service.propose(m.id, null, new ModelDto.ProposalInput(DvkModel.Level.COMMUNE,
                    m.unitCode, "Ban Chỉ đạo", null));
            case PROPOSED -> {
                if (random.nextInt(3) == 0) {
                    service.reject(m.id, null, "Chưa đạt (kiểm thử)");
                } else {
                    service.recognise(m.id, null, new ModelDto.RecognitionInput("1/QĐ", LocalDate.of(m.year, 12,
                            15), DvkModel.Level.COMMUNE, "Ban Chỉ đạo", random.nextBoolean()));
                }
            }
            default -> service.start(m.id, null, null); // refused: a final status
        }
    }

    private ModelDto.ModelInput input(String unit, int year) {
        return new ModelDto.ModelInput("Mô hình kiểm thử thống kê", unit, ORGS[random.nextInt(ORGS.length)], null,
                year, DvkModel.Field.values()[random.nextInt(DvkModel.Field.values().length)],
                DvkModel.Kind.values()[random.nextInt(DvkModel.Kind.values().length)], "Người thực hiện", null, null,
                LocalDate.of(year, 3, 1), null, null,
                List.of(new ModelDto.IndicatorInput("Hộ được hỗ trợ", BigDecimal.TEN, "hộ")));
    }
}
