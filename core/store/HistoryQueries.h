#pragma once
// Read queries over the history file, for the storage thread (synchronous; HistoryStore turns
// them into queued request/answer signals). All ranges are [fromMs, toMs) in UTC milliseconds.

#include <QTimeZone>

#include "store/HistoryDatabase.h"
#include "store/StoreTypes.h"

namespace wt::store {

class HistoryQueries {
public:
    // Dense series are capped so one request cannot allocate without bound.
    static constexpr qint64 kMaxMinutePoints = 60 * 24 * 31;
    static constexpr qint64 kMaxHourPoints = 24 * 400;

    explicit HistoryQueries(HistoryDatabase& db) : m_db(db) {}

    // One point per minute of [floor(from), ceil(to)); wiki empty = all wikis.
    QVector<MinutePoint> minutes(qint64 fromMs, qint64 toMs, const QString& wiki) const;
    // One point per hour of [floor(from), ceil(to)), from the hourly rollups.
    QVector<HourPoint> hourly(qint64 fromMs, qint64 toMs, const QString& wiki) const;
    // Average events per hour for each weekday x hour cell over the covered hours of the range.
    WeekdayHeatmap weekdayHeatmap(const QString& wiki, qint64 fromMs, qint64 toMs,
                                  const QTimeZone& zone) const;
    // Totals of every minute of [from, to) (dense, as minutes()), and the stored minutes of
    // [detailFrom, to) in total and per wiki (perWiki sorted by name), oldest first.
    StartupFill startupFill(qint64 fromMs, qint64 toMs, qint64 detailFromMs) const;

    qint64 firstMinuteMs() const; // -1 when empty
    qint64 lastMinuteMs() const;

private:
    HistoryDatabase& m_db;
};

} // namespace wt::store
