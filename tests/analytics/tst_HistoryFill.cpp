// Start full: stored minutes stand in for raw events the engine does not have yet. Checked on a
// real recording: an engine that saw the whole recording against one that got the older part
// as stored minutes and only the newer part as raw events.

#include <QDateTime>
#include <QTest>
#include <algorithm>
#include <numeric>

#include "RecordedEvents.h"
#include "analytics/AnalyticsEngine.h"

using namespace wt;
using namespace wt::analytics;

namespace {

AnalyticsConfig wide()
{
    AnalyticsConfig c;
    c.lookbackMs = kMaxLookbackMs;
    c.latenessMs = 0;
    return c;
}

std::uint64_t trafficEvents(const DashboardSnapshot& s)
{
    std::uint64_t n = 0;
    for (const auto& p : s.traffic)
        n += p.human + p.bot;
    return n;
}

// The newest 170 minutes of a real recording, in time order (editgroups.ndjson: about 120
// events over 10 minutes), so one 3 h lookback holds them all.
event::EventBatch recentPart(const QString& name)
{
    event::EventBatch events = test::loadRecording(name);
    std::stable_sort(events.begin(), events.end(),
                     [](const auto& a, const auto& b) { return a.timeMs < b.timeMs; });
    const std::int64_t from = events.empty() ? 0 : events.back().timeMs - 170 * 60'000;
    event::EventBatch out;
    for (const auto& e : events)
        if (e.timeMs >= from)
            out.push_back(e);
    return out;
}

MinuteSummaryPtr minute(std::int64_t startMs, std::uint64_t events, std::uint64_t bots)
{
    auto m = std::make_shared<MinuteSummary>();
    m->minuteStartMs = startMs;
    m->total.events = events;
    m->total.bots = bots;
    m->total.registered = events - bots;
    m->total.bytesAdded = std::int64_t(events) * 10;
    m->total.byType[0] = events;
    return m;
}

} // namespace

class TestHistoryFill : public QObject {
    Q_OBJECT

private slots:
    void storedMinutesPlusRawEventsEqualTheWholeRecording()
    {
        const event::EventBatch events = recentPart("editgroups.ndjson");
        QVERIFY(events.size() > 100);
        const std::int64_t span = events.back().timeMs - events.front().timeMs;
        QVERIFY2(span > 3 * 60'000 && span < kMaxLookbackMs, "the recording must span minutes");

        AnalyticsEngine whole(wide());
        std::vector<MinuteSummaryPtr> minutes; // what the store would have kept
        connect(&whole, &AnalyticsEngine::minuteClosed, this,
                [&](const MinuteSummaryPtr& m) { minutes.push_back(m); });
        whole.ingest(events);
        const DashboardSnapshotPtr all = whole.buildSnapshot();
        QCOMPARE(all->kpis.late, std::uint64_t(0));
        whole.closeAllMinutes();

        // Split at a minute boundary in the middle: older minutes from "history".
        const std::int64_t split = (events.front().timeMs + span / 2) / 60'000 * 60'000;
        std::vector<MinuteSummaryPtr> stored;
        for (const auto& m : minutes)
            if (m->minuteStartMs < split)
                stored.push_back(m);
        event::EventBatch newer;
        for (const auto& e : events)
            if (e.timeMs >= split)
                newer.push_back(e);
        QVERIFY(!stored.empty() && !newer.empty());
        const std::uint64_t storedEvents =
            std::accumulate(stored.begin(), stored.end(), std::uint64_t(0),
                            [](std::uint64_t n, const auto& m) { return n + m->total.events; });

        AnalyticsEngine restarted(wide());
        restarted.setHistoryFill(stored);
        restarted.ingest(newer);
        const DashboardSnapshotPtr s = restarted.buildSnapshot();
        QCOMPARE(s->historyEvents, storedEvents);
        QCOMPARE(s->historyUntilMs, stored.back()->minuteStartMs + 60'000);
        QVERIFY(s->historyUntilMs <= split);
        QCOMPARE(s->kpis.events, all->kpis.events);
        QCOMPARE(s->kpis.bots, all->kpis.bots);
        QCOMPARE(s->kpis.registered, all->kpis.registered);
        QCOMPARE(s->kpis.anonymous, all->kpis.anonymous);
        QCOMPARE(s->kpis.bytesAdded, all->kpis.bytesAdded);
        QCOMPARE(s->kpis.bytesRemoved, all->kpis.bytesRemoved);
        QCOMPARE(s->kpis.newPages, all->kpis.newPages);
        QCOMPARE(s->byType, all->byType);
        QCOMPARE(trafficEvents(*s), s->kpis.events);
        // Without the fill the same engine shows only the newer part.
        AnalyticsEngine bare(wide());
        bare.ingest(newer);
        QCOMPARE(bare.buildSnapshot()->kpis.events + storedEvents, all->kpis.events);
        QCOMPARE(bare.buildSnapshot()->historyUntilMs, std::int64_t(0));
    }

    void minutesOverlappingRawEventsAreNotCountedTwice()
    {
        const event::EventBatch events = recentPart("editgroups.ndjson");
        AnalyticsEngine whole(wide());
        std::vector<MinuteSummaryPtr> minutes;
        connect(&whole, &AnalyticsEngine::minuteClosed, this,
                [&](const MinuteSummaryPtr& m) { minutes.push_back(m); });
        whole.ingest(events);
        whole.closeAllMinutes();
        QVERIFY(minutes.size() > 3);
        // Every minute, including those the raw events cover too.
        AnalyticsEngine both(wide());
        both.setHistoryFill(minutes);
        both.ingest(events);
        const auto s = both.buildSnapshot();
        QCOMPARE(s->historyEvents, std::uint64_t(0));
        QCOMPARE(s->kpis.events, whole.buildSnapshot()->kpis.events);
    }

    void beforeTheFirstEventTheWallClockIsNow()
    {
        const std::int64_t now = QDateTime::currentMSecsSinceEpoch();
        const std::int64_t thisMinute = now / 60'000 * 60'000;
        AnalyticsConfig c;
        c.lookbackMs = 15 * 60'000;
        AnalyticsEngine engine(c);
        std::vector<MinuteSummaryPtr> stored;
        for (int i = 1; i <= 30; ++i) // 30 minutes stored, only the last 14 whole ones qualify
            stored.push_back(minute(thisMinute - i * 60'000, 60, 6));
        engine.setHistoryFill(stored);
        const auto s = engine.buildSnapshot();
        QVERIFY(s->historyEvents >= 13 * 60 && s->historyEvents <= 14 * 60);
        QCOMPARE(s->kpis.events, s->historyEvents);
        QCOMPARE(s->kpis.bots * 10, s->kpis.events);
        QCOMPARE(s->historyUntilMs, thisMinute);
        QVERIFY(!s->traffic.empty());
        QCOMPARE(trafficEvents(*s), s->kpis.events);
        QCOMPARE(s->kpis.bytesNet, std::int64_t(s->kpis.events) * 10);
        QVERIFY(s->kpis.velocityAvg > 0.9 && s->kpis.velocityAvg <= 1.0);
        // A shorter lookback drops the older minutes at once.
        engine.setLookback(5 * 60'000);
        const auto shorter = engine.buildSnapshot();
        QVERIFY(shorter->historyEvents <= 5 * 60 && shorter->historyEvents >= 4 * 60);
    }

    void minutesOutsideTheLookbackAreIgnored()
    {
        const std::int64_t now = QDateTime::currentMSecsSinceEpoch();
        AnalyticsConfig c;
        c.lookbackMs = 5 * 60'000;
        AnalyticsEngine engine(c);
        engine.setHistoryFill({minute(now / 60'000 * 60'000 - 20 * 60'000, 100, 0)});
        const auto s = engine.buildSnapshot();
        QCOMPARE(s->historyEvents, std::uint64_t(0));
        QCOMPARE(s->kpis.events, std::uint64_t(0));
        QCOMPARE(s->historyUntilMs, std::int64_t(0));
    }
};

QTEST_GUILESS_MAIN(TestHistoryFill)
#include "tst_HistoryFill.moc"
