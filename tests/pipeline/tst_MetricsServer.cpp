// Scrapes /metrics over a real socket on 127.0.0.1 and parses the Prometheus text it serves.

#include <QEventLoop>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QRegularExpression>
#include <QtTest>

#include "ingest/IngestCounters.h"
#include "pipeline/HealthMetrics.h"
#include "pipeline/MetricsServer.h"
#include "pipeline/PrometheusText.h"

using namespace wt::pipeline;

namespace {

struct Reply {
    int status = 0;
    QByteArray contentType;
    QByteArray body;
    QString error;
};

Reply get(const QUrl& url)
{
    QNetworkAccessManager nam;
    QNetworkRequest request(url);
    request.setTransferTimeout(10000);
    QNetworkReply* reply = nam.get(request);
    QEventLoop loop;
    QObject::connect(reply, &QNetworkReply::finished, &loop, &QEventLoop::quit);
    loop.exec();
    Reply r;
    r.status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    r.contentType = reply->header(QNetworkRequest::ContentTypeHeader).toByteArray();
    r.body = reply->readAll();
    if (reply->error() != QNetworkReply::NoError)
        r.error = reply->errorString();
    reply->deleteLater();
    return r;
}

struct Parsed {
    QMap<QString, QString> help; // metric -> help
    QMap<QString, QString> type; // metric -> counter|gauge
    QMap<QString, double> samples; // "name{labels}" -> value
    QStringList problems;
};

// A small parser of the text format 0.0.4, strict enough to catch format mistakes.
Parsed parse(const QByteArray& body)
{
    Parsed p;
    static const QRegularExpression sampleRe(
        QStringLiteral("^([a-zA-Z_:][a-zA-Z0-9_:]*)(\\{((?:[a-zA-Z_][a-zA-Z0-9_]*=\"(?:[^\"\\\\\\n]|\\\\.)*\",?)*)\\})? (\\S+)$"));
    for (const QString& line : QString::fromUtf8(body).split(QLatin1Char('\n'), Qt::SkipEmptyParts)) {
        if (line.startsWith(QLatin1String("# HELP "))) {
            const QString rest = line.mid(7);
            p.help[rest.section(QLatin1Char(' '), 0, 0)] = rest.section(QLatin1Char(' '), 1);
        } else if (line.startsWith(QLatin1String("# TYPE "))) {
            const QString rest = line.mid(7);
            p.type[rest.section(QLatin1Char(' '), 0, 0)] = rest.section(QLatin1Char(' '), 1);
        } else {
            const auto m = sampleRe.match(line);
            if (!m.hasMatch()) {
                p.problems << QStringLiteral("bad sample line: ") + line;
                continue;
            }
            const QString name = m.captured(1);
            if (!p.help.contains(name) || !p.type.contains(name))
                p.problems << QStringLiteral("sample before HELP/TYPE: ") + name;
            if (!name.startsWith(QLatin1String("wikitide_")))
                p.problems << QStringLiteral("no wikitide_ prefix: ") + name;
            if (p.type.value(name) == QLatin1String("counter") && !name.endsWith(QLatin1String("_total")))
                p.problems << QStringLiteral("counter without _total: ") + name;
            bool ok = false;
            const double v = m.captured(4).toDouble(&ok);
            if (!ok)
                p.problems << QStringLiteral("bad value: ") + line;
            p.samples[name + (m.captured(2).isEmpty() ? QString() : m.captured(2))] = v;
        }
    }
    return p;
}

} // namespace

class tst_MetricsServer : public QObject {
    Q_OBJECT

private slots:
    void initTestCase()
    {
        if (!MetricsServer::available())
            QSKIP("built without QtHttpServer (install qt6-httpserver-dev and qt6-websockets-dev)");
    }

    void scrapeOverARealSocket()
    {
        HealthMetrics metrics;
        wt::ingest::IngestCounters c;
        c.received = 6767;
        c.parsed = 6700;
        c.reject(wt::ingest::RejectReason::BadJson);
        c.reject(wt::ingest::RejectReason::BadJson);
        c.reject(wt::ingest::RejectReason::InvalidUtf8);
        c.duplicates = 12;
        c.bytes = 1234567890123;
        metrics.updateIngest(c);
        metrics.updateKafkaLag(QStringLiteral("wikitide.recentchange"), 0, 42);
        metrics.updateKafkaLag(QStringLiteral("wikitide.recentchange"), 1, 7);
        metrics.updateStoreWrite(3.25, 90, 0);
        metrics.updateReconnectCause(QStringLiteral("server closed \"stream\"\\n"), 2);

        MetricsServer server(&metrics);
        const MetricsListenResult r = server.listen(0); // 127.0.0.1, any free port
        QVERIFY2(r.ok, qPrintable(r.error));
        QVERIFY(r.port > 0);

        const Reply reply = get(QUrl(QStringLiteral("http://127.0.0.1:%1/metrics").arg(r.port)));
        QVERIFY2(reply.error.isEmpty(), qPrintable(reply.error));
        QCOMPARE(reply.status, 200);
        QVERIFY2(reply.contentType.startsWith("text/plain; version=0.0.4"), reply.contentType.constData());

        const Parsed p = parse(reply.body);
        QVERIFY2(p.problems.isEmpty(), qPrintable(p.problems.join(QLatin1Char('\n'))));
        // Every family of the registry is there with HELP and TYPE.
        for (const MetricFamily& f : metrics.snapshot().families) {
            const QString name = prometheusName(f);
            QVERIFY2(p.help.contains(name) && !p.help[name].isEmpty(), qPrintable(name));
            QCOMPARE(p.type.value(name), f.type == MetricType::Counter ? QStringLiteral("counter") : QStringLiteral("gauge"));
        }
        QCOMPARE(p.samples.value(QStringLiteral("wikitide_ingest_received_events_total")), 6767.0);
        QCOMPARE(p.samples.value(QStringLiteral("wikitide_ingest_parsed_events_total")), 6700.0);
        QCOMPARE(p.samples.value(QStringLiteral("wikitide_ingest_rejected_events_total{reason=\"bad_json\"}")), 2.0);
        QCOMPARE(p.samples.value(QStringLiteral("wikitide_ingest_rejected_events_total{reason=\"invalid_utf8\"}")), 1.0);
        QVERIFY(p.samples.contains(QStringLiteral("wikitide_ingest_rejected_events_total{reason=\"too_large\"}")));
        QCOMPARE(p.samples.value(QStringLiteral("wikitide_ingest_received_bytes_total")), 1234567890123.0);
        QCOMPARE(p.samples.value(QStringLiteral("wikitide_kafka_consumer_lag{topic=\"wikitide.recentchange\",partition=\"0\"}")), 42.0);
        QCOMPARE(p.samples.value(QStringLiteral("wikitide_kafka_consumer_lag{topic=\"wikitide.recentchange\",partition=\"1\"}")), 7.0);
        QCOMPARE(p.samples.value(QStringLiteral("wikitide_store_write_latency_ms")), 3.25);
        // Label values escaped: quote, backslash and newline.
        QCOMPARE(p.samples.value(QStringLiteral("wikitide_ingest_reconnect_causes_total{cause=\"server closed \\\"stream\\\"\\\\n\"}")), 2.0);
        QVERIFY(reply.body.contains("# TYPE wikitide_process_resident_memory_bytes gauge"));
        QVERIFY(p.samples.value(QStringLiteral("wikitide_process_resident_memory_bytes")) > 1e6);
        QVERIFY(p.samples.contains(QStringLiteral("wikitide_process_uptime_seconds")));
        QCOMPARE(p.samples.value(QStringLiteral("wikitide_metrics_scrapes_total")), 1.0);

        // Values follow the registry between scrapes.
        c.received = 7000;
        metrics.updateIngest(c);
        const Parsed again = parse(get(QUrl(QStringLiteral("http://127.0.0.1:%1/metrics").arg(r.port))).body);
        QCOMPARE(again.samples.value(QStringLiteral("wikitide_ingest_received_events_total")), 7000.0);
        QCOMPARE(again.samples.value(QStringLiteral("wikitide_metrics_scrapes_total")), 2.0);
    }

    void otherPathsAre404()
    {
        HealthMetrics metrics;
        MetricsServer server(&metrics);
        const auto r = server.listen(0);
        QVERIFY(r.ok);
        for (const char* path : {"/", "/metric", "/metrics/x", "/favicon.ico"}) {
            const Reply reply = get(QUrl(QStringLiteral("http://127.0.0.1:%1%2").arg(r.port).arg(QLatin1String(path))));
            QCOMPARE(reply.status, 404);
        }
        QCOMPARE(server.scrapes(), quint64(0));
    }

    void bindsLoopbackOnly()
    {
        HealthMetrics metrics;
        MetricsServer server(&metrics);
        const auto r = server.listen(0);
        QVERIFY(r.ok);
        // A second server on the same port fails with a message instead of crashing.
        MetricsServer clash(&metrics);
        const auto c = clash.listen(r.port);
        QVERIFY(!c.ok);
        QVERIFY(c.error.contains(QStringLiteral("127.0.0.1:%1").arg(r.port)));
    }

    void textFormatEscapes()
    {
        QCOMPARE(escapeLabelValue(QStringLiteral("a\"b\\c\nd")), QStringLiteral("a\\\"b\\\\c\\nd"));
        QCOMPARE(escapeHelp(QStringLiteral("x\\y\nz")), QStringLiteral("x\\\\y\\nz"));
        MetricFamily f;
        f.name = QStringLiteral("odd-name.x");
        f.type = MetricType::Counter;
        QCOMPARE(prometheusName(f), QStringLiteral("wikitide_odd_name_x_total"));
    }
};

QTEST_GUILESS_MAIN(tst_MetricsServer)
#include "tst_MetricsServer.moc"
