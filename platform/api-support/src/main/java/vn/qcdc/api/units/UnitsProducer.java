package vn.qcdc.api.units;

import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import vn.qcdc.units.AdministrativeUnits;

/** Makes the official administrative-unit reference data injectable (one copy per service, loaded at start). */
public class UnitsProducer {

    @Produces
    @Singleton
    AdministrativeUnits units() {
        return AdministrativeUnits.builtIn();
    }
}
