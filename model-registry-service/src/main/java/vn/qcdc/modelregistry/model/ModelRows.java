package vn.qcdc.modelregistry.model;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

import vn.qcdc.backbone.Jdbc;
import vn.qcdc.events.BodyType;
import vn.qcdc.modelregistry.model.DvkModel.CommendationProposal;
import vn.qcdc.modelregistry.model.DvkModel.Indicator;
import vn.qcdc.modelregistry.model.DvkModel.Proposal;
import vn.qcdc.modelregistry.model.DvkModel.Recognition;
import vn.qcdc.modelregistry.model.DvkModel.SelfEvaluation;
import vn.qcdc.modelregistry.model.ModelDto.ModelView;
import vn.qcdc.units.AdministrativeUnit;
import vn.qcdc.units.AdministrativeUnits;

/**
 * Reads models as the rows the lists answer with (the model list, its CSV export, the public list and the public
 * model): one statement with bind parameters through JDBC, each row copied column by column into the view, without
 * Hibernate.
 * <p>
 * Through Hibernate a page was two statements (the models, then the models continuing them), a managed entity per
 * row with its snapshot for dirty checking, a transaction to hold them, and Hibernate's row reading (an initializer
 * per entity, an extractor per column), then the entity copied into the view: 28% of the service's CPU samples under a
 * warm load of lists ({@code bench/model-registry/results-plan-1f2907b.md}), half in the seconds after a start, when
 * the service served 5 times fewer lists per second than inspection-service (232 against 1,207 in the first 5 s;
 * inspection-service's list reads its rows this way), and its heap grew the most: 297 MB resident after 5 s of
 * lists, the one service above 250 MB ({@code bench/model-registry/results-rows-5a852d9.md}). Here the next year's
 * model comes in the same statement (a unique index answers it), and a list runs outside any transaction, on a
 * connection in auto-commit.
 * <p>
 * The JSON columns are read by a plain Jackson mapper with Java time types, which reads them as Hibernate wrote them
 * (timestamps as numbers, dates as arrays): a model in a list is the model GET answers, field for field
 * ({@code ModelListTest.aModelInTheListIsTheModelGetAnswers}).
 */
@ApplicationScoped
public class ModelRows {

    /** The columns of a view, in the order {@link #read} reads them; {@code m} is {@code dvk_model}. */
    public static final String COLUMNS = "m.id, m.name, m.unit_code, m.unit_name, m.org_type, m.org_name, m.year,"
            + " m.field, m.kind, m.holder_name, m.description, m.objectives, m.start_date, m.participants,"
            + " m.beneficiaries, m.indicators, m.status, m.outstanding, m.status_reason, m.self_evaluation,"
            + " m.proposal, m.recognition, m.commendation_proposal, m.previous_model_id,"
            + " (SELECT n.id FROM dvk_model n WHERE n.previous_model_id = m.id) AS next_model_id, m.version,"
            + " m.created_at, m.created_by, m.updated_at, m.updated_by, m.name_key";

    /** A model as a list shows it, with its sort key by name (the cursor of a list sorted by name needs it). */
    public record Row(ModelView view, String nameKey) {
    }

    private static final JsonMapper STORED_JSON = JsonMapper.builder().addModule(new JavaTimeModule()).build();
    private static final ObjectReader INDICATORS = STORED_JSON.readerFor(new TypeReference<List<Indicator>>() {
    });
    private static final ObjectReader SELF_EVALUATION = STORED_JSON.readerFor(SelfEvaluation.class);
    private static final ObjectReader PROPOSAL = STORED_JSON.readerFor(Proposal.class);
    private static final ObjectReader RECOGNITION = STORED_JSON.readerFor(Recognition.class);
    private static final ObjectReader COMMENDATION = STORED_JSON.readerFor(CommendationProposal.class);

    @Inject
    Jdbc jdbc;

    @Inject
    AdministrativeUnits units;

    /**
     * The rows of {@code sql} (which selects {@link #COLUMNS} from {@code dvk_model m}), its {@code ?} bound to
     * {@code params} in order (a {@code String[]} as a {@code text[]}), each with the unit that carries it on
     * {@code today}.
     */
    public List<Row> read(String sql, List<Object> params, LocalDate today) {
        return jdbc.list(sql, params, rs -> read(rs, units, today));
    }

    private static Row read(ResultSet rs, AdministrativeUnits units, LocalDate today) throws SQLException {
        String unitCode = rs.getString(3);
        AdministrativeUnit current = units.currentFor(unitCode, today).orElse(null);
        ModelView view = new ModelView(
                rs.getObject(1, UUID.class), // id
                rs.getString(2), // name
                unitCode,
                rs.getString(4), // unit_name
                current == null ? null : current.code(),
                current == null ? null : current.name(),
                BodyType.valueOf(rs.getString(5)), // org_type
                rs.getString(6), // org_name
                rs.getInt(7), // year
                DvkModel.Field.valueOf(rs.getString(8)),
                DvkModel.Kind.valueOf(rs.getString(9)),
                rs.getString(10), // holder_name
                rs.getString(11), // description
                rs.getString(12), // objectives
                rs.getObject(13, LocalDate.class), // start_date
                rs.getString(14), // participants
                rs.getString(15), // beneficiaries
                json(INDICATORS, rs.getString(16)),
                DvkModel.Status.valueOf(rs.getString(17)),
                rs.getBoolean(18), // outstanding
                rs.getString(19), // status_reason
                json(SELF_EVALUATION, rs.getString(20)),
                json(PROPOSAL, rs.getString(21)),
                json(RECOGNITION, rs.getString(22)),
                json(COMMENDATION, rs.getString(23)),
                rs.getObject(24, UUID.class), // previous_model_id
                rs.getObject(25, UUID.class), // next_model_id
                rs.getLong(26), // version
                rs.getObject(27, OffsetDateTime.class), // created_at
                rs.getString(28), // created_by
                rs.getObject(29, OffsetDateTime.class), // updated_at
                rs.getString(30)); // updated_by
        return new Row(view, rs.getString(31));
    }

    private static <T> T json(ObjectReader reader, String text) {
        if (text == null) {
            return null;
        }
        try {
            return reader.readValue(text);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a stored JSON column does not read back: " + e.getOriginalMessage(), e);
        }
    }
}
