package vn.qcdc.api.units;

import java.nio.file.Path;
import java.util.Optional;

import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import io.smallrye.config.ConfigMapping;

import vn.qcdc.units.AdministrativeUnits;

/** Makes the administrative-unit reference data injectable, with a province's own file added by configuration. */
public class UnitsProducer {

    @ConfigMapping(prefix = "qcdc.units")
    public interface UnitsConfig {
        /** A JSON file of extra or corrected units (same shape as the built-in data), e.g. the official list. */
        Optional<Path> extraFile();
    }

    @Produces
    @Singleton
    AdministrativeUnits units(UnitsConfig config) {
        return AdministrativeUnits.builtInPlus(config.extraFile());
    }
}
