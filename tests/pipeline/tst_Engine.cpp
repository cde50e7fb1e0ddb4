// The whole pipeline through pipeline::Engine on a real recording: snapshots arrive, closed
// minutes land in a real SQLite file, a keyword alert fires, the metrics endpoint is scraped
// over real HTTP on 127.0.0.1, and the start-full fill comes back from the file on a restart.

#include "alert/AlertRule.h"
#include "analytics/AnalyticsEngine.h"
#include "pipeline/Engine.h"
#include "store/HistoryStore.h"
#include "support/Recordings.h"
#include "support/TestData.h"

#include <QDateTime>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

using namespace wt;
using namespace wt::pipeline;

namespace {

Settings replaySettings(const QTemporaryDir& dir, const QString& file)
{
    Settings s;
    s.headless = true;
    s.replayFile = test::dataPath(file);
    s.speed = 200; // polars_definitive_guide spans 2 min 15 s: well under a second
    s.refreshMs = 100;
    s.lookbackMs = 3 * 3600 * 1000;
    s.dbPath = dir.filePath(QStringLiteral("history.sqlite"));
    s.offline = true;
    s.logFile = QStringLiteral("none");
    s.metricsPort = 0;
    return s;
}

QVariantList keywordRule(const QString& pattern)
{
    alert::AlertRule r;
    r.id = QStringLiteral("kw-") + pattern;
    r.name = pattern;
    r.kind = alert::RuleKind::Keyword;
    r.pattern = pattern;
    r.includeBots = true;
    return alert::rulesToVariant({r});
}

QByteArray scrape(quint16 port)
{
    QNetworkAccessManager nam;
    QNetworkReply* reply =
        nam.get(QNetworkRequest(QUrl(QStringLiteral("http://127.0.0.1:%1/metrics").arg(port))));
    QSignalSpy done(reply, &QNetworkReply::finished);
    if (!done.wait(10000))
        return {};
    const QByteArray body = reply->readAll();
    reply->deleteLater();
    return body;
}

double metricValue(const QByteArray& text, const QByteArray& name)
{
    for (const QByteArray& line : text.split('\n'))
        if (line.startsWith(name + ' '))
            return line.mid(name.size() + 1).toDouble();
    return -1;
}

} // namespace

class TestEngine : public QObject {
    Q_OBJECT

private slots:
    void initTestCase()
    {
        qputenv("XDG_CONFIG_HOME", m_home.filePath("config").toUtf8());
        qputenv("XDG_DATA_HOME", m_home.filePath("data").toUtf8());
        qputenv("XDG_STATE_HOME", m_home.filePath("state").toUtf8());
    }

    void replayReachesAnalyticsStoreAlertsAndMetrics()
    {
        QTemporaryDir dir;
        const Settings s = replaySettings(dir, QStringLiteral("polars_definitive_guide.ndjson"));
        Engine engine(s, keywordRule(QStringLiteral("poker")));
        QSignalSpy snapshots(&engine, &Engine::snapshotReady);
        QSignalSpy alerts(&engine, &Engine::alertRaised);
        QSignalSpy finished(&engine, &Engine::sourceFinished);
        QSignalSpy opened(&engine, &Engine::storageOpened);
        QString error;
        QVERIFY2(engine.start(&error), qPrintable(error));
        QVERIFY(engine.metricsPort() > 0);
        QVERIFY(finished.wait(20000));
        QVERIFY(!snapshots.isEmpty());
        QVERIFY(!opened.isEmpty());
        QCOMPARE(opened.first().first().toString(), s.dbPath);

        const auto last = engine.drain();
        QVERIFY(last);
        const std::size_t lines = test::recordingLines(QStringLiteral("polars_definitive_guide.ndjson")).size();
        QCOMPARE(engine.ingestCounters().parsed, std::uint64_t(lines));
        QCOMPARE(last->ingest.parsed, std::uint64_t(lines));
        QCOMPARE(last->kpis.events + last->kpis.late, std::uint64_t(lines));

        QTRY_VERIFY_WITH_TIMEOUT(!alerts.isEmpty(), 5000);
        const auto alert = alerts.first().first().value<alert::Alert>();
        QCOMPARE(alert.ruleId, QStringLiteral("kw-poker"));
        QVERIFY(engine.alertsRaised() >= 1);

        // The metrics endpoint answers over real HTTP with the ingest counters.
        QTRY_VERIFY_WITH_TIMEOUT(
            metricValue(scrape(engine.metricsPort()), "wikitide_ingest_parsed_events_total") ==
                double(lines),
            5000);
        const QByteArray text = scrape(engine.metricsPort());
        QVERIFY(text.contains("wikitide_process_resident_memory_bytes"));
        QVERIFY(text.contains("wikitide_queue_depth{queue=\"ingest_batches\"}"));
        engine.stop();

        // Every event's minute is in the SQLite file, in total.
        store::HistoryStoreConfig sc;
        sc.database.path = s.dbPath;
        sc.labels.enabled = false;
        store::HistoryStore reopened(sc);
        QVERIFY(reopened.openNow());
        const qint64 from = last->clockMs - 60LL * 60'000;
        std::uint64_t stored = 0;
        int covered = 0;
        for (const auto& p : reopened.minutes(from, last->clockMs + 60'000, QString())) {
            stored += p.counts.events;
            covered += p.covered ? 1 : 0;
        }
        QCOMPARE(stored, last->kpis.events);
        QVERIFY(covered >= 3);
    }

    void liveStartIsFilledFromTheStore()
    {
        // Minutes stored "just now" come back as the lookback of a live start (the stream URL
        // points at a closed local port: no event ever arrives, the fill is all there is).
        QTemporaryDir dir;
        const QString db = dir.filePath(QStringLiteral("history.sqlite"));
        const qint64 thisMinute = QDateTime::currentMSecsSinceEpoch() / 60'000 * 60'000;
        {
            store::HistoryStoreConfig sc;
            sc.database.path = db;
            sc.labels.enabled = false;
            store::HistoryStore st(sc);
            QVERIFY(st.openNow());
            for (int i = 1; i <= 5; ++i) {
                auto m = std::make_shared<analytics::MinuteSummary>();
                m->minuteStartMs = thisMinute - i * 60'000;
                m->total.events = 30;
                m->total.bots = 3;
                m->total.registered = 27;
                m->perWiki.push_back({"enwiki", m->total});
                st.storeMinute(m);
            }
            QVERIFY(st.commitNow());
        }
        Settings s;
        s.headless = true;
        s.streamUrl = QStringLiteral("http://127.0.0.1:9/v2/stream/recentchange");
        s.dbPath = db;
        s.offline = true;
        s.logFile = QStringLiteral("none");
        s.refreshMs = 100;
        Engine engine(s);
        QSignalSpy wikis(&engine, &Engine::knownWikisChanged);
        QString error;
        QVERIFY2(engine.start(&error), qPrintable(error));
        QTRY_VERIFY_WITH_TIMEOUT(engine.latestSnapshot() &&
                                     engine.latestSnapshot()->historyEvents == 150,
                                 10000);
        const auto snap = engine.latestSnapshot();
        QCOMPARE(snap->kpis.events, std::uint64_t(150));
        QCOMPARE(snap->kpis.bots, std::uint64_t(15));
        QCOMPARE(snap->historyUntilMs, thisMinute);
        QVERIFY(!snap->traffic.empty());
        QVERIFY(!wikis.isEmpty());
        QCOMPARE(wikis.first().first().toStringList(), QStringList{QStringLiteral("enwiki")});
        engine.stop();
    }

private:
    QTemporaryDir m_home;
};

QTEST_GUILESS_MAIN(TestEngine)
#include "tst_Engine.moc"
