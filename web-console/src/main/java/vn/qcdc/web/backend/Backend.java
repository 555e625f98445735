package vn.qcdc.web.backend;

import java.net.http.HttpClient;
import java.time.Duration;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import vn.qcdc.client.inspection.api.AdministrativeUnitsApi;
import vn.qcdc.client.inspection.api.LabelsApi;
import vn.qcdc.client.inspection.api.PublicDisclosureApi;
import vn.qcdc.client.inspection.api.RecommendationsApi;
import vn.qcdc.client.inspection.api.StatisticsApi;
import vn.qcdc.client.models.api.ModelStatisticsApi;
import vn.qcdc.client.models.api.PublicApi;
import vn.qcdc.client.notification.api.FollowUpsApi;
import vn.qcdc.client.notification.api.InboxApi;

/**
 * The three services, reached through the clients generated from their committed OpenAPI documents (the contract),
 * never through their databases. Each call is bounded in time so that a slow service gives a clear page, not a hang.
 */
@ApplicationScoped
public class Backend {

    static final Duration TIMEOUT = Duration.ofSeconds(10);

    private final vn.qcdc.client.inspection.ApiClient inspection;
    private final vn.qcdc.client.models.ApiClient models;
    private final vn.qcdc.client.notification.ApiClient notification;

    public Backend(@ConfigProperty(name = "qcdc.web.inspection-url") String inspectionUrl,
            @ConfigProperty(name = "qcdc.web.model-registry-url") String modelRegistryUrl,
            @ConfigProperty(name = "qcdc.web.notification-url") String notificationUrl) {
        // The generated ApiClient builds a new HttpClient (threads, connection pool) on every call; one shared
        // client keeps connections alive between the calls of a page.
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(3)).build();
        inspection = new vn.qcdc.client.inspection.ApiClient() {
            @Override
            public HttpClient getHttpClient() {
                return http;
            }
        };
        inspection.updateBaseUri(inspectionUrl);
        inspection.setReadTimeout(TIMEOUT);
        models = new vn.qcdc.client.models.ApiClient() {
            @Override
            public HttpClient getHttpClient() {
                return http;
            }
        };
        models.updateBaseUri(modelRegistryUrl);
        models.setReadTimeout(TIMEOUT);
        notification = new vn.qcdc.client.notification.ApiClient() {
            @Override
            public HttpClient getHttpClient() {
                return http;
            }
        };
        notification.updateBaseUri(notificationUrl);
        notification.setReadTimeout(TIMEOUT);
    }

    public PublicDisclosureApi publicInspections() {
        return new PublicDisclosureApi(inspection);
    }

    public AdministrativeUnitsApi units() {
        return new AdministrativeUnitsApi(inspection);
    }

    public LabelsApi labels() {
        return new LabelsApi(inspection);
    }

    public PublicApi publicModels() {
        return new PublicApi(models);
    }

    public StatisticsApi statistics() {
        return new StatisticsApi(inspection);
    }

    public RecommendationsApi recommendations() {
        return new RecommendationsApi(inspection);
    }

    public ModelStatisticsApi modelStatistics() {
        return new ModelStatisticsApi(models);
    }

    public FollowUpsApi followUps() {
        return new FollowUpsApi(notification);
    }

    public InboxApi inbox() {
        return new InboxApi(notification);
    }
}
