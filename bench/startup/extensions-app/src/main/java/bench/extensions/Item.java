package bench.extensions;

import jakarta.persistence.Entity;
import jakarta.validation.constraints.NotBlank;

import io.quarkus.hibernate.orm.panache.PanacheEntity;

/** One entity, so that Hibernate ORM and Flyway start with something to do. */
@Entity
public class Item extends PanacheEntity {

    @NotBlank
    public String name;
}
