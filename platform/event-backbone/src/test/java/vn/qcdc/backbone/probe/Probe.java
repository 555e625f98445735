package vn.qcdc.backbone.probe;

import java.util.UUID;

import jakarta.persistence.Entity;
import jakarta.persistence.Id;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;

/** A test aggregate whose creation is announced through the outbox. */
@Entity
public class Probe extends PanacheEntityBase {
    @Id
    public UUID id;
    public String note;
}
