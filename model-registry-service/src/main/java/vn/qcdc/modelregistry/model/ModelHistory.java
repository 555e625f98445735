package vn.qcdc.modelregistry.model;

import java.time.OffsetDateTime;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;

/** One line of a model's history (lịch sử): what was done, by whom, when, why; transitions carry from/to. */
@Entity
@Table(name = "dvk_model_history")
public class ModelHistory extends PanacheEntityBase {

    @Id
    public UUID id;
    @Column(name = "model_id")
    public UUID modelId;
    public String action;
    @Column(name = "from_status")
    public String fromStatus;
    @Column(name = "to_status")
    public String toStatus;
    public String reason;
    public String actor;
    public OffsetDateTime at;
    /** Written by a bulk import for a step of the model's past (a re-import replaces these lines). */
    public boolean imported;
}
