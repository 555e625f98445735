package vn.qcdc.web.site;

import io.quarkus.qute.TemplateData;

/** Generated client types the templates read directly: value resolvers are generated for them at build time. */
@TemplateData(target = vn.qcdc.client.inspection.model.UnitDetail.class)
@TemplateData(target = vn.qcdc.client.inspection.model.Link.class)
@TemplateData(target = vn.qcdc.web.console.Officer.class)
final class TemplateTypes {

    private TemplateTypes() {
    }
}
