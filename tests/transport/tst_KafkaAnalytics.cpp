// The Kafka path gives the same analytics as the in-process path: real recordings go through
// IngestChain -> AnalyticsEngine, and through IngestChain -> KafkaSink -> mock cluster (real Kafka
// protocol on 127.0.0.1) -> KafkaSource -> AnalyticsEngine; the snapshots (KPIs, every
// leaderboard, traffic, histogram, namespaces, recent edits, keywords) and every closed minute
// must be equal.
//
// Kafka keeps order only per key (wiki), and the engine's lateness rule makes analytics depend on
// arrival order once events from different wikis are further apart than the allowed lateness.
// So: recordings spanning months or years are fed to both engines in event-time order (the
// comparison then checks the content and the completeness of what arrived); a live capture
// spanning seconds is fed in the order the consumer delivered it, as the dashboard does.

#include "support/KafkaHarness.h"
#include "support/SnapshotDiff.h"
#include "transport/EmbeddedBroker.h"
#include "transport/KafkaSink.h"
#include "transport/KafkaSource.h"

#include <QTest>
#include <algorithm>

using namespace wt;
using namespace wt::transport;

class tst_KafkaAnalytics : public QObject {
    Q_OBJECT
private slots:
    void sameAnalyticsAsInProcess_data();
    void sameAnalyticsAsInProcess();
    void comparisonSeesAMissingEvent();
};

namespace {

analytics::AnalyticsConfig engineConfig()
{
    analytics::AnalyticsConfig c;
    c.lookbackMs = analytics::kMaxLookbackMs; // the widest view: most events in the boards
    c.topN = analytics::kMaxTopN;
    c.keywords = {"bot", "Q[0-9]+", "wiki"};
    return c;
}

event::EventBatch recordings(const QStringList& files)
{
    event::EventBatch out;
    for (const QString& f : files) {
        auto part = test::recordingEvents(f);
        out.insert(out.end(), part.begin(), part.end());
    }
    return out;
}

void sortByTime(event::EventBatch& events)
{
    std::sort(events.begin(), events.end(), [](const auto& a, const auto& b) {
        return std::tie(a.timeMs, a.metaId) < std::tie(b.timeMs, b.metaId);
    });
}

// Everything the topic gets, in the order the consumer delivered it.
std::vector<event::EditEvent> throughKafka(const event::EventBatch& produced, int partitions)
{
    EmbeddedBroker broker(1);
    if (!broker.ok() || !broker.createTopic("analytics", partitions))
        return {};
    KafkaConfig config;
    config.brokers = broker.bootstraps();
    config.topic = "analytics";
    auto* source = new KafkaSource(config);
    source->setStartTimeMs(0);
    test::SourceRunner runner(source);
    runner.start();
    if (!test::waitFor([&] { return runner.assigned == partitions; }, 10000))
        return {};
    KafkaSink sink(config);
    if (!sink.start())
        return {};
    for (std::size_t i = 0; i < produced.size(); i += 500) // chunks, as ingest hands them over
        sink.publishBatch(event::EventBatch(
            produced.begin() + static_cast<std::ptrdiff_t>(i),
            produced.begin() + static_cast<std::ptrdiff_t>(std::min(produced.size(), i + 500))));
    sink.flush(10000);
    runner.waitForEvents(produced.size(), 20000);
    QTest::qWait(200); // a duplicate would arrive now
    runner.stop();
    return std::move(runner.events);
}

} // namespace

void tst_KafkaAnalytics::sameAnalyticsAsInProcess_data()
{
    QTest::addColumn<QStringList>("files");
    QTest::addColumn<bool>("timeOrdered");
    QTest::addColumn<int>("minWikis");
    // 5,815 Wikidata events of 2018-2019 and 145 events on 22 wikis of 2025 (spans of a year and
    // of days: fed in event-time order on both sides).
    QTest::newRow("editgroups+dataplumbhub, event-time order")
        << QStringList{QStringLiteral("editgroups.ndjson"), QStringLiteral("dataplumbhub.ndjson")}
        << true << 20;
    // 130 events on 18 wikis within 4 s (a live capture): fed in arrival order on both sides.
    QTest::newRow("live capture, arrival order")
        << QStringList{QStringLiteral("muneebkhan06_wikistream_kafka_2026.ndjson")} << false << 15;
}

void tst_KafkaAnalytics::sameAnalyticsAsInProcess()
{
    QFETCH(QStringList, files);
    QFETCH(bool, timeOrdered);
    QFETCH(int, minWikis);

    event::EventBatch inProcess = recordings(files);
    QVERIFY(inProcess.size() > 100);
    std::vector<event::EditEvent> consumed = throughKafka(inProcess, 6);
    QString verdict = test::exactlyOnce(inProcess, consumed);
    QVERIFY2(verdict.isEmpty(), qPrintable(verdict));
    if (!timeOrdered) {
        // The consumer interleaved partitions: arrival order differs from the recording's.
        bool reordered = false;
        for (std::size_t i = 0; i < consumed.size() && !reordered; ++i)
            reordered = consumed[i].metaId != inProcess[i].metaId;
        QVERIFY(reordered);
    }
    if (timeOrdered) {
        sortByTime(inProcess);
        sortByTime(consumed);
    }

    const auto config = engineConfig();
    const test::AnalyticsRun expected = test::runAnalytics(config, inProcess);
    const test::AnalyticsRun actual = test::runAnalytics(config, consumed);

    // The comparison has something to compare.
    const auto& snap = *expected.snapshot;
    QVERIFY(snap.kpis.events > 0);
    QVERIFY(int(snap.topWikis.size()) >= (timeOrdered ? 10 : minWikis));
    QVERIFY(!snap.topUsers.empty() && !snap.topPages.empty() && !snap.topLanguages.empty());
    QVERIFY(!snap.engagement.empty() && !snap.traffic.empty() && !snap.recent.empty());
    QVERIFY(snap.keywords.size() == 3 && snap.keywords[0].hits > 0);
    QVERIFY(!expected.closed.empty());
    std::uint64_t minuteEvents = 0;
    for (const auto& m : expected.closed)
        minuteEvents += m->total.events + m->total.late;
    QCOMPARE(minuteEvents, std::uint64_t(inProcess.size())); // every event is in some minute

    verdict = test::analyticsDifference(expected, actual);
    QVERIFY2(verdict.isEmpty(), qPrintable(verdict));
}

// The comparison is not blind: one event less (the newest, so it is in the lookback) shows.
void tst_KafkaAnalytics::comparisonSeesAMissingEvent()
{
    event::EventBatch events =
        recordings({QStringLiteral("muneebkhan06_wikistream_kafka_2026.ndjson")});
    const auto config = engineConfig();
    const test::AnalyticsRun all = test::runAnalytics(config, events);
    QVERIFY(test::analyticsDifference(all, test::runAnalytics(config, events)).isEmpty());
    sortByTime(events);
    events.pop_back();
    QVERIFY(!test::analyticsDifference(all, test::runAnalytics(config, events)).isEmpty());
}

QTEST_GUILESS_MAIN(tst_KafkaAnalytics)
#include "tst_KafkaAnalytics.moc"
