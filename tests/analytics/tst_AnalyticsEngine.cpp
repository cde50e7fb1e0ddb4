// The analytics engine against a brute-force reference over the real recordings.
#include <QSignalSpy>
#include <QTest>

#include <random>

#include "analytics/AnalyticsEngine.h"
#include "analytics/MinuteWindows.h"
#include "analytics/SnapshotBuilder.h"
#include "RecordedEvents.h"
#include "ReferenceModel.h"

using namespace wt;
using analytics::Filter;

Q_DECLARE_METATYPE(wt::analytics::Filter*)

namespace {

constexpr std::int64_t kT0 = 1'800'000'000'000; // 2027-01-15, a round base for re-timed streams

// Every recording, in file order, re-timed onto one timeline (150 ms apart, about 17 minutes)
// with deterministic jitter of up to +-40 s (out of order, inside the 2 min lateness) and every
// 97th event pushed 5 minutes back (late).
event::EventBatch mixedStream()
{
    event::EventBatch all = test::loadAllRecordings();
    std::mt19937 rng(20261124);
    std::uniform_int_distribution<int> jitter(-40000, 40000);
    for (std::size_t i = 0; i < all.size(); ++i) {
        all[i].timeMs = kT0 + static_cast<std::int64_t>(i) * 150 + jitter(rng);
        if (i % 97 == 96)
            all[i].timeMs -= 5 * 60 * 1000;
    }
    return all;
}

void compareRows(const std::vector<analytics::LeaderRow>& got, const std::vector<test::RefRow>& ref,
                 std::size_t topN, bool pages, bool users, const char* what)
{
    const std::size_t n = std::min(topN, ref.size());
    QVERIFY2(got.size() == n, what);
    for (std::size_t i = 0; i < n; ++i) {
        const auto& g = got[i];
        const auto& r = ref[i];
        if (g.key != r.key || g.edits != r.edits || g.bytesAdded != r.added ||
            g.bytesRemoved != r.removed || g.bytesNet != r.added - r.removed ||
            (pages && g.wiki != r.wiki) || (users && g.bot != r.bot))
            QFAIL(qPrintable(QStringLiteral("%1 row %2: got %3/%4 %5 edits +%6 -%7 bot %8, want "
                                            "%9/%10 %11 edits +%12 -%13 bot %14")
                                 .arg(what)
                                 .arg(i)
                                 .arg(QString::fromStdString(g.wiki), QString::fromStdString(g.key))
                                 .arg(g.edits)
                                 .arg(g.bytesAdded)
                                 .arg(g.bytesRemoved)
                                 .arg(g.bot)
                                 .arg(QString::fromStdString(r.wiki), QString::fromStdString(r.key))
                                 .arg(r.edits)
                                 .arg(r.added)
                                 .arg(r.removed)
                                 .arg(r.bot)));
    }
}

void compareView(const analytics::DashboardSnapshot& s, const test::RefView& v, int topN,
                 std::size_t recentCap)
{
    const auto& k = s.kpis;
    QCOMPARE(k.events, v.kpis.events);
    QCOMPARE(k.bytesAdded, v.kpis.bytesAdded);
    QCOMPARE(k.bytesRemoved, v.kpis.bytesRemoved);
    QCOMPARE(k.bytesNet, v.kpis.bytesAdded - v.kpis.bytesRemoved);
    QCOMPARE(k.bots, v.kpis.bots);
    QCOMPARE(k.anonymous, v.kpis.anonymous);
    QCOMPARE(k.temporary, v.kpis.temporary);
    QCOMPARE(k.registered, v.kpis.registered);
    QCOMPARE(k.minor, v.kpis.minor);
    QCOMPARE(k.major, v.kpis.major);
    QCOMPARE(k.newPages, v.kpis.newPages);
    QCOMPARE(k.activeUsers, v.kpis.activeUsers);
    QCOMPARE(k.late, v.kpis.late);
    QVERIFY(s.byType == v.byType);
    QCOMPARE(s.byNamespace.size(), v.ns.size());
    for (std::size_t i = 0; i < v.ns.size(); ++i) {
        QCOMPARE(s.byNamespace[i].ns, v.ns[i].first);
        QCOMPARE(s.byNamespace[i].events, v.ns[i].second);
    }
    const std::size_t n = static_cast<std::size_t>(topN);
    compareRows(s.topWikis, v.wikis, n, false, false, "wikis");
    compareRows(s.topLanguages, v.languages, n, false, false, "languages");
    compareRows(s.topProjects, v.projects, n, false, false, "projects");
    compareRows(s.topPages, v.pages, n, true, false, "pages");
    compareRows(s.topUsers, v.users, n, false, true, "users");
    if (QTest::currentTestFailed())
        return;

    std::map<std::uint32_t, std::uint64_t> hist;
    for (const auto& b : s.engagement) {
        QCOMPARE(b.maxEdits, b.minEdits * 2 - 1);
        if (b.users)
            hist[b.minEdits] = b.users;
    }
    QVERIFY(hist == v.histogram);

    // Traffic: every reference second lands in the step holding it, and the totals agree.
    std::map<std::int64_t, analytics::TrafficPoint> steps;
    for (const auto& [sec, p] : v.perSecond) {
        const std::int64_t stepSec = s.trafficStepMs / 1000;
        auto& q = steps[(sec >= 0 ? sec / stepSec : (sec - stepSec + 1) / stepSec) * s.trafficStepMs];
        q.human += p.human;
        q.bot += p.bot;
        q.bytesAdded += p.bytesAdded;
        q.bytesRemoved += p.bytesRemoved;
    }
    QVERIFY(s.traffic.size() <= 1201);
    std::uint64_t seen = 0;
    for (const auto& p : s.traffic) {
        if (!p.human && !p.bot)
            continue;
        auto it = steps.find(p.timeMs);
        QVERIFY2(it != steps.end(), "traffic point with no reference events");
        QCOMPARE(p.human, it->second.human);
        QCOMPARE(p.bot, it->second.bot);
        QCOMPARE(p.bytesAdded, it->second.bytesAdded);
        QCOMPARE(p.bytesRemoved, it->second.bytesRemoved);
        ++seen;
    }
    QCOMPARE(seen, steps.size());

    QCOMPARE(s.recent.size(), std::min(recentCap, v.recentTimes.size()));
    for (std::size_t i = 0; i < s.recent.size(); ++i)
        QCOMPARE(s.recent[i].timeMs, v.recentTimes[i]);
}

struct MinuteRef {
    analytics::MinuteCounts total;
    std::map<std::string, analytics::MinuteCounts> perWiki;
};

void countRef(analytics::MinuteCounts& c, const event::EditEvent& e)
{
    ++c.events;
    if (e.has(event::Flag::Bot))
        ++c.bots;
    else if (e.has(event::Flag::Anonymous))
        ++c.anonymous;
    else if (e.has(event::Flag::Temporary))
        ++c.temporary;
    else
        ++c.registered;
    c.bytesAdded += std::max(0, e.delta);
    c.bytesRemoved += std::max(0, -e.delta);
    if (e.has(event::Flag::NewPage))
        ++c.newPages;
    ++c.byType[int(e.type)];
}

void compareCounts(const analytics::MinuteCounts& a, const analytics::MinuteCounts& b)
{
    QCOMPARE(a.events, b.events);
    QCOMPARE(a.bots, b.bots);
    QCOMPARE(a.anonymous, b.anonymous);
    QCOMPARE(a.temporary, b.temporary);
    QCOMPARE(a.registered, b.registered);
    QCOMPARE(a.bytesAdded, b.bytesAdded);
    QCOMPARE(a.bytesRemoved, b.bytesRemoved);
    QCOMPARE(a.newPages, b.newPages);
    QVERIFY(a.byType == b.byType);
    QCOMPARE(a.late, b.late);
}

} // namespace

class TestAnalyticsEngine : public QObject {
    Q_OBJECT
private slots:
    void initTestCase()
    {
        m_mixed = mixedStream();
        QVERIFY(m_mixed.size() > 6000);
        m_late = test::refLate(m_mixed, 2 * 60 * 1000);
        QVERIFY(std::count(m_late.begin(), m_late.end(), true) > 30);
    }

    void matchesReference_data()
    {
        QTest::addColumn<int>("filterKind");
        QTest::newRow("all") << 0;
        QTest::newRow("no bots") << 1;
        QTest::newRow("namespace 0 only") << 2;
        QTest::newRow("*.wikipedia.org") << 3;
        QTest::newRow("exclude wikidatawiki") << 4;
        QTest::newRow("min |delta| 100") << 5;
        QTest::newRow("edits and new, humans") << 6;
    }

    // Several lookbacks changed at run time, a filter set at run time, checkpoints while feeding.
    void matchesReference()
    {
        QFETCH(int, filterKind);
        Filter f;
        switch (filterKind) {
        case 1: f.includeBots = false; break;
        case 2: f.namespaces = {0}; break;
        case 3: f.wikiPatterns = {"*.wikipedia.org"}; break;
        case 4: f.wikiPatterns = {"wikidatawiki"}; f.excludeWikis = true; break;
        case 5: f.minAbsDelta = 100; break;
        case 6: f.typeMask = 0x3; f.includeBots = false; break;
        default: break;
        }
        analytics::AnalyticsConfig config;
        config.topN = 25;
        config.recentCap = 300;
        analytics::AnalyticsEngine engine(config);
        QSignalSpy closed(&engine, &analytics::AnalyticsEngine::minuteClosed);
        QSignalSpy lateUpdated(&engine, &analytics::AnalyticsEngine::minuteLateUpdated);
        const std::size_t batch = 250;
        bool filterSet = false;
        for (std::size_t fed = 0; fed < m_mixed.size();) {
            const std::size_t end = std::min(m_mixed.size(), fed + batch);
            engine.ingest(event::EventBatch(m_mixed.begin() + fed, m_mixed.begin() + end));
            fed = end;
            if (fed % 1000 != 0 && fed != m_mixed.size())
                continue;
            if (!filterSet && fed >= 2000) { // later checkpoints see a filter changed at run time
                engine.setFilter(f);
                filterSet = true;
            }
            const Filter active = filterSet ? f : Filter{};
            for (std::int64_t lookback : {60'000LL, 300'000LL, 3'600'000LL, 10'800'000LL}) {
                engine.setLookback(lookback);
                auto snap = engine.buildSnapshot();
                QCOMPARE(snap->lookbackMs, lookback);
                const auto ref = test::refCompute(m_mixed, fed, m_late, lookback, active, 300);
                compareView(*snap, ref, 25, 300);
                if (QTest::currentTestFailed())
                    QFAIL(qPrintable(QStringLiteral("at %1 events, lookback %2 ms").arg(fed).arg(lookback)));
            }
        }

        // Closed minutes: the whole unfiltered stream of accepted events, late ones only as `late`.
        engine.closeAllMinutes();
        std::map<std::int64_t, MinuteRef> ref;
        for (std::size_t i = 0; i < m_mixed.size(); ++i) {
            if (m_late[i])
                continue;
            auto& m = ref[analytics::MinuteWindows::minuteOf(m_mixed[i].timeMs)];
            countRef(m.total, m_mixed[i]);
            countRef(m.perWiki[m_mixed[i].wiki], m_mixed[i]);
        }
        for (std::size_t i = 0; i < m_mixed.size(); ++i) {
            auto it = ref.find(analytics::MinuteWindows::minuteOf(m_mixed[i].timeMs));
            if (m_late[i] && it != ref.end()) {
                ++it->second.total.late;
                ++it->second.perWiki[m_mixed[i].wiki].late;
            }
        }
        std::map<std::int64_t, analytics::MinuteSummaryPtr> got;
        for (const auto& args : closed) {
            auto m = args.at(0).value<analytics::MinuteSummaryPtr>();
            QVERIFY2(!got.count(m->minuteStartMs), "a minute closed twice");
            got[m->minuteStartMs] = m;
        }
        for (const auto& args : lateUpdated) {
            auto m = args.at(0).value<analytics::MinuteSummaryPtr>();
            QVERIFY(got.count(m->minuteStartMs));
            got[m->minuteStartMs] = m;
        }
        QVERIFY(lateUpdated.size() > 0);
        QCOMPARE(got.size(), ref.size());
        for (const auto& [start, m] : ref) {
            QVERIFY(got.count(start));
            compareCounts(got[start]->total, m.total);
            QCOMPARE(got[start]->perWiki.size(), m.perWiki.size());
            auto w = m.perWiki.begin();
            for (const auto& wm : got[start]->perWiki) {
                QCOMPARE(wm.wiki, w->first);
                compareCounts(wm.counts, w->second);
                ++w;
            }
        }
    }

    // editgroups.ndjson in time order with its real times: a year of Wikidata with dense bursts
    // and long gaps, so the clock jumps past the whole retention many times.
    void realTimesWithClockJumps()
    {
        auto events = test::loadRecording(QStringLiteral("editgroups.ndjson"));
        QCOMPARE(events.size(), std::size_t(5815));
        std::stable_sort(events.begin(), events.end(),
                         [](const auto& a, const auto& b) { return a.timeMs < b.timeMs; });
        const auto late = test::refLate(events, 2 * 60 * 1000);
        QCOMPARE(std::count(late.begin(), late.end(), true), 0);
        analytics::AnalyticsConfig config;
        config.lookbackMs = 3 * 3600 * 1000;
        analytics::AnalyticsEngine engine(config);
        std::size_t biggest = 0;
        for (std::size_t fed = 0; fed < events.size();) {
            const std::size_t end = std::min(events.size(), fed + 400);
            engine.ingest(event::EventBatch(events.begin() + fed, events.begin() + end));
            fed = end;
            auto snap = engine.buildSnapshot();
            const auto ref = test::refCompute(events, fed, late, config.lookbackMs, {}, 5000);
            compareView(*snap, ref, 20, 5000);
            biggest = std::max<std::size_t>(biggest, snap->kpis.events);
            if (QTest::currentTestFailed())
                return;
        }
        QVERIFY(biggest > 500); // the windows really held bursts
        // Interned strings follow the retained records: only what the ring holds stays.
        const auto& ring = engine.aggregator().ring();
        QVERIFY(ring.users().live() <= ring.size());
        QVERIFY(ring.pages().live() <= ring.size());
    }

    void lookbackChangeIsExactBothWays()
    {
        analytics::AnalyticsEngine engine;
        engine.ingest(m_mixed);
        engine.setLookback(3 * 3600 * 1000);
        auto wide = engine.buildSnapshot();
        engine.setLookback(60 * 1000);
        auto narrow = engine.buildSnapshot();
        QVERIFY(narrow->kpis.events < wide->kpis.events);
        QCOMPARE(narrow->traffic.size(), std::size_t(60)); // one point per second of the minute
        engine.setLookback(3 * 3600 * 1000);
        auto again = engine.buildSnapshot();
        QCOMPARE(again->kpis.events, wide->kpis.events);
        QCOMPARE(again->topUsers.size(), wide->topUsers.size());
        for (std::size_t i = 0; i < wide->topUsers.size(); ++i) {
            QCOMPARE(again->topUsers[i].key, wide->topUsers[i].key);
            QCOMPARE(again->topUsers[i].edits, wide->topUsers[i].edits);
        }
        QCOMPARE(again->trafficStepMs, 10'000);
        engine.setLookback(1); // clamped to 1 min
        QCOMPARE(engine.buildSnapshot()->lookbackMs, 60'000);
        engine.setLookback(24LL * 3600 * 1000); // clamped to 3 h
        QCOMPARE(engine.buildSnapshot()->lookbackMs, 3LL * 3600 * 1000);
    }

    // muneebkhan06: 130 real events within 4 s. Reversed they arrive out of order but inside
    // the lateness: each still lands in its own second. Then one event 3 min back is late.
    void outOfOrderAndLate()
    {
        auto events = test::loadRecording(QStringLiteral("muneebkhan06_wikistream_kafka_2026.ndjson"));
        QCOMPARE(events.size(), std::size_t(130));
        std::stable_sort(events.begin(), events.end(),
                         [](const auto& a, const auto& b) { return a.timeMs > b.timeMs; });
        analytics::AnalyticsEngine engine;
        QSignalSpy closed(&engine, &analytics::AnalyticsEngine::minuteClosed);
        engine.ingest(events);
        auto snap = engine.buildSnapshot();
        QCOMPARE(snap->kpis.events, std::uint64_t(130));
        QCOMPARE(snap->kpis.late, std::uint64_t(0));
        QCOMPARE(snap->trafficStepMs, 1000);
        std::map<std::int64_t, std::uint32_t> perSecond;
        for (const auto& e : events)
            ++perSecond[e.timeMs / 1000 * 1000];
        QVERIFY(perSecond.size() >= 4);
        for (const auto& p : snap->traffic)
            QCOMPARE(p.human + p.bot, perSecond.count(p.timeMs) ? perSecond[p.timeMs] : 0u);
        QCOMPARE(snap->recent.size(), std::size_t(130));
        QVERIFY(std::is_sorted(snap->recent.begin(), snap->recent.end(),
                               [](const auto& a, const auto& b) { return a.timeMs < b.timeMs; }));
        QCOMPARE(snap->watermarkMs, snap->clockMs - 120'000);
        // The average velocity spans from the oldest event, not from the first to arrive.
        const std::int64_t oldestSec = events.back().timeMs / 1000; // sorted newest first
        QVERIFY(snap->clockMs / 1000 - oldestSec >= 3);
        QCOMPARE(snap->kpis.velocityAvg, 130.0 / double(snap->clockMs / 1000 - oldestSec + 1));

        event::EditEvent old = events.front();
        old.timeMs = snap->clockMs - 3 * 60 * 1000;
        engine.ingest({old});
        auto after = engine.buildSnapshot();
        QCOMPARE(after->kpis.late, std::uint64_t(1));
        QCOMPARE(after->kpis.events, std::uint64_t(130)); // not added to the lookback
        QCOMPARE(closed.size(), 0); // no minute closed yet: the minute of the late event is unknown

        // A batch replay ends: all open minutes close, and later events for them are late.
        auto minutes = engine.closeAllMinutes();
        QVERIFY(!minutes.empty());
        std::uint64_t total = 0;
        for (const auto& m : minutes)
            total += m->total.events;
        QCOMPARE(total, std::uint64_t(130));
        QSignalSpy lateUpdated(&engine, &analytics::AnalyticsEngine::minuteLateUpdated);
        engine.ingest({events.back()});
        QCOMPARE(engine.buildSnapshot()->kpis.late, std::uint64_t(2));
        QCOMPARE(lateUpdated.size(), 1);
        auto updated = lateUpdated.at(0).at(0).value<analytics::MinuteSummaryPtr>();
        QCOMPARE(updated->total.late, std::uint64_t(1));
        QCOMPARE(updated->total.events, minutes.front()->minuteStartMs == updated->minuteStartMs
                                            ? minutes.front()->total.events
                                            : minutes.back()->total.events);
    }

    void keywordsOnNonLatinText()
    {
        auto events = test::loadRecording(QStringLiteral("muneebkhan06_wikistream_kafka_2026.ndjson"));
        std::stable_sort(events.begin(), events.end(),
                         [](const auto& a, const auto& b) { return a.timeMs < b.timeMs; });
        analytics::AnalyticsConfig config;
        config.keywordHitCap = 1000;
        analytics::AnalyticsEngine engine(config);
        QSignalSpy rejected(&engine, &analytics::AnalyticsEngine::keywordsRejected);
        // A CJK literal, a Cyrillic regex written in lower case (the titles say "Участник"),
        // a user regex, and a broken regex.
        engine.setKeywords({QStringLiteral("判决书"), QStringLiteral("/участник:\\w+bot/"),
                            QStringLiteral("/^~2026-/"), QStringLiteral("/[unclosed/")});
        QCOMPARE(rejected.size(), 1);
        QCOMPARE(rejected.at(0).at(0).toString(), QStringLiteral("/[unclosed/"));
        QVERIFY(!rejected.at(0).at(1).toString().isEmpty());
        QVERIFY(!engine.keywordError(QStringLiteral("/(a/")).isEmpty());
        QVERIFY(!engine.keywordError(QStringLiteral("/a*/")).isEmpty()); // matches everything
        QVERIFY(engine.keywordError(QStringLiteral("判决书")).isEmpty());
        engine.ingest(events);
        auto snap = engine.buildSnapshot();

        std::uint64_t cjk = 0, cyr = 0, user = 0;
        const QRegularExpression cyrRe(QStringLiteral("участник:\\w+bot"),
                                       QRegularExpression::CaseInsensitiveOption |
                                           QRegularExpression::UseUnicodePropertiesOption);
        for (const auto& e : events) {
            const std::string all = e.title + "\x01" + e.comment + "\x01" + e.user;
            cjk += all.find("判决书") != std::string::npos;
            cyr += cyrRe.match(QString::fromStdString(e.title)).hasMatch() ||
                   cyrRe.match(QString::fromStdString(e.comment)).hasMatch();
            user += e.user.rfind("~2026-", 0) == 0;
        }
        QVERIFY(cjk > 3);
        QVERIFY(cyr >= 1);
        QCOMPARE(snap->keywords.size(), std::size_t(4));
        QCOMPARE(snap->keywords[0].hits, cjk);
        QCOMPARE(snap->keywords[1].hits, cyr);
        QCOMPARE(snap->keywords[2].hits, user);
        QCOMPARE(snap->keywords[3].valid, false);
        QVERIFY(!snap->keywords[3].error.empty());
        QCOMPARE(snap->keywords[3].hits, std::uint64_t(0));
        QCOMPARE(snap->keywordHits.size(), std::size_t(cjk + cyr + user));
        QVERIFY(std::is_sorted(snap->keywordHits.begin(), snap->keywordHits.end(),
                               [](const auto& a, const auto& b) { return a.timeMs > b.timeMs; }));
        bool sawCyrTitle = false;
        for (const auto& h : snap->keywordHits)
            sawCyrTitle |= h.keyword == "/участник:\\w+bot/" && h.field == "title" &&
                           h.title.find("Участник:EyeBot") == 0;
        QVERIFY(sawCyrTitle);

        // A new list is matched over the retained titles and users at once.
        engine.setKeywords({QStringLiteral("ЗАПРОСЫ")});
        snap = engine.buildSnapshot();
        QCOMPARE(snap->keywords.size(), std::size_t(1));
        QCOMPARE(snap->keywords[0].hits, std::uint64_t(1));
        QCOMPARE(snap->keywordHits.size(), std::size_t(1));
    }

    void refreshTimerEmitsSnapshots()
    {
        analytics::AnalyticsEngine engine;
        engine.setRefreshInterval(10); // clamped to 100 ms
        QSignalSpy ready(&engine, &analytics::AnalyticsEngine::snapshotReady);
        engine.onBatch(std::make_shared<const event::EventBatch>(m_mixed.begin(), m_mixed.begin() + 100));
        engine.start();
        QVERIFY(ready.wait(5000));
        engine.stop();
        auto snap = ready.last().at(0).value<analytics::DashboardSnapshotPtr>();
        QVERIFY(snap->kpis.events > 0);
        engine.setTopN(1000);
        QCOMPARE(engine.config().topN, 100);
    }

private:
    event::EventBatch m_mixed;
    std::vector<bool> m_late;
};

QTEST_GUILESS_MAIN(TestAnalyticsEngine)
#include "tst_AnalyticsEngine.moc"
