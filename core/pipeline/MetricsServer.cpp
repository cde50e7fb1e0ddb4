#include "pipeline/MetricsServer.h"

#include "Logging.h"
#include "pipeline/HealthMetrics.h"
#include "pipeline/PrometheusText.h"

#ifdef WT_HAVE_HTTPSERVER
#include <QHttpServer>
#include <QHttpServerRequest>
#include <QHttpServerResponse>
#endif

namespace wt::pipeline {

#ifdef WT_HAVE_HTTPSERVER

MetricsServer::MetricsServer(HealthMetrics* metrics, QObject* parent)
    : QObject(parent)
    , m_metrics(metrics)
    , m_server(std::make_unique<QHttpServer>())
{
    m_server->route(QStringLiteral("/metrics"), QHttpServerRequest::Method::Get | QHttpServerRequest::Method::Head,
                    [this](const QHttpServerRequest&) {
                        ++m_scrapes;
                        m_metrics->updateProcess();
                        m_metrics->set(QStringLiteral("metrics_scrapes"), static_cast<double>(m_scrapes));
                        return QHttpServerResponse(QByteArray(kPrometheusContentType),
                                                   prometheusText(m_metrics->snapshot()));
                    });
    m_metrics->describe(QStringLiteral("metrics_scrapes"), MetricType::Counter,
                        QStringLiteral("Scrapes of this /metrics endpoint."), QStringLiteral("Process"));
}

MetricsServer::~MetricsServer() = default;

bool MetricsServer::available() { return true; }

MetricsListenResult MetricsServer::listen(quint16 port, const QHostAddress& address)
{
    MetricsListenResult r;
    const quint16 bound = m_server->listen(address, port);
    if (bound == 0) {
        r.error = QStringLiteral("cannot listen on %1:%2 for /metrics").arg(address.toString()).arg(port);
        qCWarning(wt::lcApp).noquote() << r.error;
        return r;
    }
    m_port = bound;
    r.ok = true;
    r.port = bound;
    qCInfo(wt::lcApp).noquote() << "serving Prometheus metrics on" << QStringLiteral("http://%1:%2/metrics")
                                       .arg(address.protocol() == QAbstractSocket::IPv6Protocol
                                                ? QLatin1Char('[') + address.toString() + QLatin1Char(']')
                                                : address.toString())
                                       .arg(bound);
    return r;
}

#else

MetricsServer::MetricsServer(HealthMetrics* metrics, QObject* parent)
    : QObject(parent)
    , m_metrics(metrics)
{
}

MetricsServer::~MetricsServer() = default;

bool MetricsServer::available() { return false; }

MetricsListenResult MetricsServer::listen(quint16, const QHostAddress&)
{
    MetricsListenResult r;
    r.error = QStringLiteral("this build has no QtHttpServer: --metrics-port is not available");
    return r;
}

#endif

} // namespace wt::pipeline
