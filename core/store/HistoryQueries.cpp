#include "store/HistoryQueries.h"

#include <algorithm>
#include <numeric>

#include <QDateTime>

#include <sqlite3.h>

#include "store/HistorySchema.h"
#include "store/WikiCountsCodec.h"

namespace wt::store {

namespace {

constexpr qint64 kMinuteMs = 60'000;
constexpr qint64 kHourMs = 3'600'000;

qint64 floorTo(qint64 ms, qint64 step) { return ms - (((ms % step) + step) % step); }
qint64 ceilTo(qint64 ms, qint64 step)
{
    const qint64 f = floorTo(ms, step);
    return f == ms ? ms : f + step;
}

} // namespace

QVector<MinutePoint> HistoryQueries::minutes(qint64 fromMs, qint64 toMs, const QString& wiki) const
{
    QVector<MinutePoint> out;
    const qint64 from = floorTo(fromMs, kMinuteMs);
    qint64 to = ceilTo(toMs, kMinuteMs);
    if (to <= from)
        return out;
    to = std::min(to, from + kMaxMinutePoints * kMinuteMs);
    out.resize((to - from) / kMinuteMs);
    for (qsizetype i = 0; i < out.size(); ++i)
        out[i].minuteStartMs = from + i * kMinuteMs;
    sqlite3* db = m_db.handle();
    if (!db)
        return out;

    const std::string cols = schema::columnList();
    SqliteStatement totals(db, "SELECT minute_start, " + cols +
                                   " FROM minute_totals WHERE minute_start >= ?1 AND minute_start < ?2");
    totals.bind(1, from);
    totals.bind(2, to);
    while (totals.step() == SQLITE_ROW) {
        MinutePoint& p = out[(totals.int64(0) - from) / kMinuteMs];
        p.covered = true;
        if (wiki.isEmpty())
            p.counts = schema::readCounts(totals, 1);
    }
    if (wiki.isEmpty())
        return out;
    const qint64 id = m_db.findWikiId(wiki);
    if (id < 0)
        return out;
    SqliteStatement perWiki(db, "SELECT minute_start, data FROM wiki_minute_blobs WHERE minute_start >= ?1 "
                                "AND minute_start < ?2");
    perWiki.bind(1, from);
    perWiki.bind(2, to);
    while (perWiki.step() == SQLITE_ROW) {
        if (auto c = codec::find(perWiki.blobView(1), id))
            out[(perWiki.int64(0) - from) / kMinuteMs].counts = *c;
    }
    return out;
}

QVector<HourPoint> HistoryQueries::hourly(qint64 fromMs, qint64 toMs, const QString& wiki) const
{
    QVector<HourPoint> out;
    const qint64 from = floorTo(fromMs, kHourMs);
    qint64 to = ceilTo(toMs, kHourMs);
    if (to <= from)
        return out;
    to = std::min(to, from + kMaxHourPoints * kHourMs);
    out.resize((to - from) / kHourMs);
    for (qsizetype i = 0; i < out.size(); ++i)
        out[i].hourStartMs = from + i * kHourMs;
    sqlite3* db = m_db.handle();
    if (!db)
        return out;

    const std::string cols = schema::columnList();
    SqliteStatement totals(db, "SELECT hour_start, minutes, " + cols +
                                   " FROM hourly_totals WHERE hour_start >= ?1 AND hour_start < ?2");
    totals.bind(1, from);
    totals.bind(2, to);
    while (totals.step() == SQLITE_ROW) {
        HourPoint& p = out[(totals.int64(0) - from) / kHourMs];
        p.coveredMinutes = int(totals.int64(1));
        if (wiki.isEmpty())
            p.counts = schema::readCounts(totals, 2);
    }
    if (wiki.isEmpty())
        return out;
    const qint64 id = m_db.findWikiId(wiki);
    if (id < 0)
        return out;
    SqliteStatement perWiki(db, "SELECT hour_start, data FROM wiki_hour_blobs WHERE hour_start >= ?1 AND "
                                "hour_start < ?2");
    perWiki.bind(1, from);
    perWiki.bind(2, to);
    while (perWiki.step() == SQLITE_ROW) {
        if (auto c = codec::find(perWiki.blobView(1), id))
            out[(perWiki.int64(0) - from) / kHourMs].counts = *c;
    }
    // The newest hour's per-wiki rollup is written once an hour; the memory has it now.
    if (const auto* open = m_db.openHour(); open && open->hourStartMs >= from && open->hourStartMs < to) {
        const auto i = std::size_t(id);
        const bool present = i < open->wikis.present.size() && open->wikis.present[i];
        out[(open->hourStartMs - from) / kHourMs].counts = present ? open->wikis.counts[i] : analytics::MinuteCounts{};
    }
    return out;
}

WeekdayHeatmap HistoryQueries::weekdayHeatmap(const QString& wiki, qint64 fromMs, qint64 toMs,
                                              const QTimeZone& zone) const
{
    WeekdayHeatmap map;
    map.wiki = wiki;
    map.fromMs = floorTo(fromMs, kHourMs);
    map.toMs = std::max(map.fromMs, ceilTo(toMs, kHourMs));
    const QVector<HourPoint> hours = hourly(map.fromMs, map.toMs, wiki);
    std::array<std::array<qint64, 24>, 7> minutes{};
    for (const HourPoint& h : hours) {
        if (h.coveredMinutes <= 0)
            continue; // WikiTide was not running: unknown, not zero
        // Each stored hour is a UTC hour; in the chosen zone it is one local hour (whole-hour
        // offsets) whose weekday and hour pick the cell.
        const QDateTime local = QDateTime::fromMSecsSinceEpoch(h.hourStartMs, zone);
        const int day = local.date().dayOfWeek() - 1;
        const int hour = local.time().hour();
        if (day < 0 || day > 6)
            continue;
        minutes[day][hour] += h.coveredMinutes;
        map.events[day][hour] += h.counts.events;
        if (map.firstCoveredMs == 0)
            map.firstCoveredMs = h.hourStartMs;
        map.lastCoveredMs = h.hourStartMs;
    }
    for (int d = 0; d < 7; ++d) {
        for (int h = 0; h < 24; ++h) {
            map.coveredHours[d][h] = double(minutes[d][h]) / 60.0;
            map.average[d][h] = minutes[d][h] > 0 ? 60.0 * double(map.events[d][h]) / double(minutes[d][h]) : 0.0;
        }
    }
    return map;
}

StartupFill HistoryQueries::startupFill(qint64 fromMs, qint64 toMs, qint64 detailFromMs) const
{
    StartupFill fill;
    fill.fromMs = fromMs;
    fill.toMs = toMs;
    fill.detailFromMs = std::clamp(detailFromMs, fromMs, std::max(fromMs, toMs));
    sqlite3* db = m_db.handle();
    if (!db || toMs <= fromMs)
        return fill;
    fill.knownWikis = m_db.knownWikis();
    fill.totals = minutes(fromMs, toMs, QString());
    if (fill.detailFromMs >= toMs)
        return fill;

    const std::string cols = schema::columnList();
    std::vector<std::shared_ptr<analytics::MinuteSummary>> built;
    SqliteStatement totals(db, "SELECT minute_start, " + cols +
                                   " FROM minute_totals WHERE minute_start >= ?1 AND minute_start < ?2 "
                                   "ORDER BY minute_start");
    totals.bind(1, fill.detailFromMs);
    totals.bind(2, toMs);
    while (totals.step() == SQLITE_ROW) {
        auto m = std::make_shared<analytics::MinuteSummary>();
        m->minuteStartMs = totals.int64(0);
        m->total = schema::readCounts(totals, 1);
        built.push_back(std::move(m));
    }
    if (built.empty())
        return fill;

    const auto& names = m_db.wikiNamesById();
    const auto& rank = m_db.wikiRankById();
    std::vector<int> ranks;
    std::vector<std::uint32_t> order;
    std::size_t expected = 0; // wikis per minute, for reserve()
    SqliteStatement perWiki(db, "SELECT minute_start, data FROM wiki_minute_blobs WHERE minute_start >= ?1 "
                                "AND minute_start < ?2 ORDER BY minute_start");
    perWiki.bind(1, fill.detailFromMs);
    perWiki.bind(2, toMs);
    std::size_t cursor = 0;
    while (perWiki.step() == SQLITE_ROW) {
        const qint64 minute = perWiki.int64(0);
        while (cursor < built.size() && built[cursor]->minuteStartMs < minute)
            ++cursor;
        if (cursor == built.size())
            break;
        if (built[cursor]->minuteStartMs != minute)
            continue;
        auto& target = built[cursor]->perWiki;
        target.reserve(expected);
        ranks.clear();
        bool sorted = true;
        codec::decode(perWiki.blobView(1), [&](std::int64_t id, const analytics::MinuteCounts& c) {
            if (id < 0 || std::size_t(id) >= names.size())
                return;
            const int r = rank[std::size_t(id)];
            sorted = sorted && (ranks.empty() || ranks.back() < r);
            ranks.push_back(r);
            target.push_back(analytics::WikiMinute{names[std::size_t(id)], c});
        });
        // Blobs are written in the engine's name order, so this is almost never needed.
        if (!sorted) {
            order.resize(ranks.size());
            std::iota(order.begin(), order.end(), 0u);
            std::sort(order.begin(), order.end(), [&](auto a, auto b) { return ranks[a] < ranks[b]; });
            std::vector<analytics::WikiMinute> byName;
            byName.reserve(target.size());
            for (auto i : order)
                byName.push_back(std::move(target[i]));
            target = std::move(byName);
        }
        expected = std::max(expected, target.size());
    }
    fill.minutes.reserve(qsizetype(built.size()));
    for (auto& m : built)
        fill.minutes.push_back(std::move(m));
    return fill;
}

qint64 HistoryQueries::firstMinuteMs() const
{
    if (!m_db.handle())
        return -1;
    SqliteStatement st(m_db.handle(), "SELECT MIN(minute_start) FROM minute_totals");
    return st.step() == SQLITE_ROW && !st.isNull(0) ? st.int64(0) : -1;
}

qint64 HistoryQueries::lastMinuteMs() const
{
    if (!m_db.handle())
        return -1;
    SqliteStatement st(m_db.handle(), "SELECT MAX(minute_start) FROM minute_totals");
    return st.step() == SQLITE_ROW && !st.isNull(0) ? st.int64(0) : -1;
}

} // namespace wt::store
