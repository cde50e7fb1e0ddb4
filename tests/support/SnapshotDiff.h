#pragma once
// Field-by-field comparison of two analytics results (snapshot plus every minute the engine
// emitted), for suites that check two paths give the same analytics. Header-only.

#include "analytics/AnalyticsEngine.h"
#include "analytics/DashboardSnapshot.h"
#include "analytics/MinuteSummary.h"

#include <QString>
#include <algorithm>
#include <map>
#include <tuple>
#include <vector>

namespace wt::test {

// Runs an AnalyticsEngine over events and keeps what a dashboard and the history store get: the
// final snapshot (after closeAllMinutes) and every minute closed or late-updated, in order.
struct AnalyticsRun {
    analytics::DashboardSnapshotPtr snapshot;
    std::vector<analytics::MinuteSummaryPtr> closed;
    std::vector<analytics::MinuteSummaryPtr> lateUpdates;
};

inline AnalyticsRun runAnalytics(const analytics::AnalyticsConfig& config,
                                 const event::EventBatch& events, std::size_t chunk = 500)
{
    AnalyticsRun run;
    analytics::AnalyticsEngine engine(config);
    QObject::connect(&engine, &analytics::AnalyticsEngine::minuteClosed,
                     [&](analytics::MinuteSummaryPtr m) { run.closed.push_back(std::move(m)); });
    QObject::connect(
        &engine, &analytics::AnalyticsEngine::minuteLateUpdated,
        [&](analytics::MinuteSummaryPtr m) { run.lateUpdates.push_back(std::move(m)); });
    for (std::size_t i = 0; i < events.size(); i += chunk)
        engine.ingest(event::EventBatch(
            events.begin() + static_cast<std::ptrdiff_t>(i),
            events.begin() + static_cast<std::ptrdiff_t>(std::min(events.size(), i + chunk))));
    engine.closeAllMinutes();
    run.snapshot = engine.buildSnapshot();
    return run;
}

namespace detail {

inline auto tie(const analytics::Kpis& k)
{
    return std::tie(k.events, k.velocityNow, k.velocityAvg, k.bytesAdded, k.bytesRemoved,
                    k.bytesNet, k.bots, k.anonymous, k.temporary, k.registered, k.minor, k.major,
                    k.newPages, k.activeUsers, k.late);
}
inline auto tie(const analytics::LeaderRow& r)
{
    return std::tie(r.key, r.wiki, r.label, r.edits, r.bytesAdded, r.bytesRemoved, r.bytesNet,
                    r.bot, r.url);
}
inline auto tie(const analytics::TrafficPoint& p)
{
    return std::tie(p.timeMs, p.human, p.bot, p.bytesAdded, p.bytesRemoved);
}
inline auto tie(const analytics::HistogramBin& b)
{
    return std::tie(b.minEdits, b.maxEdits, b.users);
}
inline auto tie(const analytics::NamespaceCount& n)
{
    return std::tie(n.ns, n.events);
}
inline auto tie(const analytics::RecentEdit& e)
{
    return std::tie(e.timeMs, e.wiki, e.title, e.user, e.delta, e.flags, e.type, e.diffUrl,
                    e.label);
}
inline auto tie(const analytics::KeywordStat& k)
{
    return std::tie(k.pattern, k.hits, k.valid, k.error);
}
inline auto tie(const analytics::KeywordHit& h)
{
    return std::tie(h.timeMs, h.keyword, h.wiki, h.title, h.user, h.comment, h.diffUrl, h.field);
}
inline auto tie(const analytics::MinuteCounts& c)
{
    return std::tie(c.events, c.bots, c.anonymous, c.temporary, c.registered, c.bytesAdded,
                    c.bytesRemoved, c.newPages, c.byType, c.late);
}

inline QString describe(const analytics::Kpis& k)
{
    return QStringLiteral("events %1 velocity %2/%3 bytes +%4 -%5 =%6 bots %7 anon %8 temp %9 reg "
                          "%10 minor %11 "
                          "major %12 new %13 users %14 late %15")
        .arg(k.events)
        .arg(k.velocityNow, 0, 'g', 17)
        .arg(k.velocityAvg, 0, 'g', 17)
        .arg(k.bytesAdded)
        .arg(k.bytesRemoved)
        .arg(k.bytesNet)
        .arg(k.bots)
        .arg(k.anonymous)
        .arg(k.temporary)
        .arg(k.registered)
        .arg(k.minor)
        .arg(k.major)
        .arg(k.newPages)
        .arg(k.activeUsers)
        .arg(k.late);
}

template <typename T>
QString diffRows(const char* what, const std::vector<T>& a, const std::vector<T>& b)
{
    if (a.size() != b.size())
        return QStringLiteral("%1: %2 rows vs %3")
            .arg(QLatin1String(what))
            .arg(a.size())
            .arg(b.size());
    for (std::size_t i = 0; i < a.size(); ++i)
        if (tie(a[i]) != tie(b[i]))
            return QStringLiteral("%1: row %2 differs").arg(QLatin1String(what)).arg(i);
    return {};
}

// Rows whose order among equal event times is arrival order (recent edits, keyword hits): the
// same multiset is the same analytics when arrival order differs across wikis.
template <typename T> QString diffRowsAsSet(const char* what, std::vector<T> a, std::vector<T> b)
{
    auto less = [](const T& x, const T& y) { return tie(x) < tie(y); };
    std::sort(a.begin(), a.end(), less);
    std::sort(b.begin(), b.end(), less);
    return diffRows(what, a, b);
}

inline QString diffMinute(const analytics::MinuteSummary& a, const analytics::MinuteSummary& b)
{
    if (a.minuteStartMs != b.minuteStartMs)
        return QStringLiteral("minute %1 vs %2").arg(a.minuteStartMs).arg(b.minuteStartMs);
    if (tie(a.total) != tie(b.total))
        return QStringLiteral("minute %1: totals differ").arg(a.minuteStartMs);
    if (a.perWiki.size() != b.perWiki.size())
        return QStringLiteral("minute %1: %2 wikis vs %3")
            .arg(a.minuteStartMs)
            .arg(a.perWiki.size())
            .arg(b.perWiki.size());
    for (std::size_t i = 0; i < a.perWiki.size(); ++i)
        if (a.perWiki[i].wiki != b.perWiki[i].wiki ||
            tie(a.perWiki[i].counts) != tie(b.perWiki[i].counts))
            return QStringLiteral("minute %1: wiki %2 differs")
                .arg(a.minuteStartMs)
                .arg(QString::fromStdString(a.perWiki[i].wiki));
    return {};
}

inline QString diffMinutes(const char* what, const std::vector<analytics::MinuteSummaryPtr>& a,
                           const std::vector<analytics::MinuteSummaryPtr>& b)
{
    if (a.size() != b.size())
        return QStringLiteral("%1: %2 minutes vs %3")
            .arg(QLatin1String(what))
            .arg(a.size())
            .arg(b.size());
    for (std::size_t i = 0; i < a.size(); ++i) {
        const QString d = diffMinute(*a[i], *b[i]);
        if (!d.isEmpty())
            return QLatin1String(what) + QStringLiteral(": ") + d;
    }
    return {};
}

} // namespace detail

// Empty when both runs show the same analytics, else the first difference. Not compared: the
// snapshot's sequence, wall clock and ingest counters (they describe the run, not the data).
// Everything else must match whatever order the events arrived in.
inline QString analyticsDifference(const AnalyticsRun& x, const AnalyticsRun& y)
{
    using namespace detail;
    const analytics::DashboardSnapshot& a = *x.snapshot;
    const analytics::DashboardSnapshot& b = *y.snapshot;
    if (a.clockMs != b.clockMs || a.watermarkMs != b.watermarkMs || a.lookbackMs != b.lookbackMs)
        return QStringLiteral("clock/watermark/lookback differ");
    if (tie(a.kpis) != tie(b.kpis))
        return QStringLiteral("KPIs differ: %1 vs %2").arg(describe(a.kpis), describe(b.kpis));
    if (a.historyUntilMs != b.historyUntilMs || a.historyEvents != b.historyEvents)
        return QStringLiteral("history part differs");
    if (a.byType != b.byType)
        return QStringLiteral("byType differs");
    if (a.trafficStepMs != b.trafficStepMs)
        return QStringLiteral("traffic step differs");
    // Minutes are compared by start time: the order of late updates follows arrival.
    auto byStart = [](std::vector<analytics::MinuteSummaryPtr> v) {
        std::stable_sort(v.begin(), v.end(), [](const auto& p, const auto& q) {
            return p->minuteStartMs < q->minuteStartMs;
        });
        return v;
    };
    for (const QString& d : {
             diffRows("byNamespace", a.byNamespace, b.byNamespace),
             diffRows("traffic", a.traffic, b.traffic),
             diffRows("topWikis", a.topWikis, b.topWikis),
             diffRows("topLanguages", a.topLanguages, b.topLanguages),
             diffRows("topProjects", a.topProjects, b.topProjects),
             diffRows("topPages", a.topPages, b.topPages),
             diffRows("topUsers", a.topUsers, b.topUsers),
             diffRows("engagement", a.engagement, b.engagement),
             diffRowsAsSet("recent", a.recent, b.recent),
             diffRows("keywords", a.keywords, b.keywords),
             diffRowsAsSet("keywordHits", a.keywordHits, b.keywordHits),
             diffMinutes("snapshot closedMinutes", a.closedMinutes, b.closedMinutes),
             diffMinutes("closed minutes", x.closed, y.closed),
             diffMinutes("late updates", byStart(x.lateUpdates), byStart(y.lateUpdates)),
         }) {
        if (!d.isEmpty())
            return d;
    }
    return {};
}

} // namespace wt::test
