#pragma once
// Value types the history store hands back on queued signals (storage thread -> UI/analytics).
// Everything here is copyable and registered as a metatype so it crosses threads by value.

#include <array>
#include <cstdint>
#include <limits>

#include <QHash>
#include <QMetaType>
#include <QString>
#include <QStringList>
#include <QVector>

#include "analytics/MinuteSummary.h"

namespace wt::store {

// One minute of a dense series: every minute of the requested range has a point.
struct MinutePoint {
    qint64 minuteStartMs = 0;
    bool covered = false;             // WikiTide was recording this minute (a total row exists)
    analytics::MinuteCounts counts;   // zero when the wiki had no events (or not covered)
};

// One hour of a dense series, from the hourly rollups.
struct HourPoint {
    qint64 hourStartMs = 0;
    int coveredMinutes = 0;           // minutes of this hour WikiTide was recording (0..60)
    analytics::MinuteCounts counts;   // sums over the covered minutes
};

// Average events per hour for each (weekday, hour) cell. Index [weekday][hour] with weekday
// 0 = Monday .. 6 = Sunday, hours in the store's time zone (UTC unless configured otherwise).
// average = 60 * sum(events) / coveredMinutes: an hour WikiTide recorded in which the wiki had
// no edit counts as zero; hours WikiTide was not running are not counted at all.
struct WeekdayHeatmap {
    std::array<std::array<double, 24>, 7> average{};
    std::array<std::array<double, 24>, 7> coveredHours{}; // coveredMinutes / 60 per cell
    std::array<std::array<quint64, 24>, 7> events{};
    qint64 fromMs = 0;        // the range the query considered (hour-aligned)
    qint64 toMs = 0;
    qint64 firstCoveredMs = 0; // first / last covered hour inside it (0 when none)
    qint64 lastCoveredMs = 0;
    QString wiki;             // empty = all wikis
};

// What the dashboard needs to "start full", in one answer: the total of every minute of
// [fromMs, toMs) for the history charts (24 h), and the stored minutes of [detailFromMs, toMs)
// in total and per wiki for the engine's lookback (at most 3 h: per-wiki objects for 24 h
// would be 1.4 M heap strings nobody shows at start; a chosen wiki's 24 h is one query away).
struct StartupFill {
    static constexpr qint64 kWholeRange = std::numeric_limits<qint64>::min(); // detail for all of it
    qint64 fromMs = 0;
    qint64 toMs = 0;
    qint64 detailFromMs = 0;          // clamped to [fromMs, toMs]
    QVector<MinutePoint> totals;      // one point per minute of [fromMs, toMs); covered = stored
    QVector<analytics::MinuteSummaryPtr> minutes; // stored minutes of [detailFromMs, toMs), oldest first
    QStringList knownWikis;           // every wiki the store has ever seen, sorted
};

// Batch write cost and health, for the health panel.
struct WriteStats {
    double lastMs = 0;
    double avgMs = 0;
    double maxMs = 0;
    quint64 batches = 0;
    quint64 minutesWritten = 0;
    quint64 minutesDropped = 0;  // queue full, or storage failed (memory-only)
    int pendingMinutes = 0;
    bool memoryOnly = false;     // storage failed or disabled: writes are no-ops
    QString error;               // the one message given when storage failed
    qint64 prunedRows = 0;
};

// A resolved Wikidata label.
struct LabelInfo {
    enum class Status : quint8 { Found, Missing };
    QString label;          // empty when Missing
    QString description;
    QString language;       // language the label is in (user language or "en")
    Status status = Status::Missing;
    bool found() const { return status == Status::Found; }
};

using LabelMap = QHash<QString, LabelInfo>;

} // namespace wt::store

Q_DECLARE_METATYPE(wt::store::MinutePoint)
Q_DECLARE_METATYPE(wt::store::HourPoint)
Q_DECLARE_METATYPE(wt::store::WeekdayHeatmap)
Q_DECLARE_METATYPE(wt::store::StartupFill)
Q_DECLARE_METATYPE(wt::store::WriteStats)
Q_DECLARE_METATYPE(wt::store::LabelInfo)
Q_DECLARE_METATYPE(wt::store::LabelMap)
