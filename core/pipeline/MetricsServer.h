#pragma once
// Serves GET /metrics (Prometheus text format) from a HealthMetrics registry over QtHttpServer.
// Lives on the thread that creates it (the main thread in the app); the registry is read as a
// thread-safe snapshot per request. Binds 127.0.0.1 unless another address is asked for.

#include <QHostAddress>
#include <QObject>
#include <QString>
#include <memory>

class QHttpServer;

namespace wt::pipeline {

class HealthMetrics;

struct MetricsListenResult {
    bool ok = false;
    quint16 port = 0; // the bound port (the chosen one when 0 was asked)
    QString error;
};

class MetricsServer : public QObject {
    Q_OBJECT
public:
    // The registry must outlive the server. beforeScrape (optional) runs before each scrape on
    // this thread, e.g. to refresh process figures.
    explicit MetricsServer(HealthMetrics* metrics, QObject* parent = nullptr);
    ~MetricsServer() override;

    static bool available(); // false when built without QtHttpServer

    // port 0 = any free port. address defaults to 127.0.0.1.
    MetricsListenResult listen(quint16 port, const QHostAddress& address = QHostAddress(QHostAddress::LocalHost));
    quint16 port() const { return m_port; }
    quint64 scrapes() const { return m_scrapes; }

private:
    HealthMetrics* m_metrics;
    std::unique_ptr<QHttpServer> m_server;
    quint16 m_port = 0;
    quint64 m_scrapes = 0;
};

} // namespace wt::pipeline
