#include "store/HistoryStore.h"

#include <QDateTime>
#include <QTimer>
#include <QtDebug>

#include "store/HistoryQueries.h"
#include "store/LabelCache.h"

namespace wt::store {

namespace {

void registerTypes()
{
    qRegisterMetaType<analytics::MinuteSummaryPtr>();
    qRegisterMetaType<MinutePoint>();
    qRegisterMetaType<HourPoint>();
    qRegisterMetaType<QVector<MinutePoint>>();
    qRegisterMetaType<QVector<HourPoint>>();
    qRegisterMetaType<WeekdayHeatmap>();
    qRegisterMetaType<StartupFill>();
    qRegisterMetaType<WriteStats>();
    qRegisterMetaType<LabelInfo>();
    qRegisterMetaType<LabelMap>();
}

} // namespace

HistoryStore::HistoryStore(HistoryStoreConfig config, QObject* parent)
    : QObject(parent), m_config(std::move(config))
{
    registerTypes();
    m_db = std::make_unique<HistoryDatabase>(m_config.database);
    m_labelCache = std::make_unique<LabelCache>(m_db.get());
    if (!m_config.labels.clock)
        m_config.labels.clock = m_config.clock;
    m_labels = new LabelResolver(*m_labelCache, m_config.labels, this);
    // Children of the store, so moveToThread() takes them along; started on that thread.
    m_commitTimer = new QTimer(this);
    m_commitTimer->setSingleShot(true);
    connect(m_commitTimer, &QTimer::timeout, this, [this]() { commitNow(); });
    m_pruneTimer = new QTimer(this);
    m_pruneTimer->setSingleShot(true);
    connect(m_pruneTimer, &QTimer::timeout, this, &HistoryStore::pruneStep);
}

HistoryStore::~HistoryStore()
{
    flush();
    delete m_labels; // before the cache it refers to
    m_labels = nullptr;
}

qint64 HistoryStore::now() const
{
    return m_config.clock ? m_config.clock() : QDateTime::currentMSecsSinceEpoch();
}

void HistoryStore::open()
{
    if (openNow()) {
        emit opened(m_db->path(), m_db->schemaVersion());
        m_pruneTimer->start(0); // a first retention pass right away, in small steps
    }
}

bool HistoryStore::openNow()
{
    if (m_opened)
        return !m_failed;
    m_opened = true;
    if (!m_config.enabled) {
        m_failed = true;
        m_stats.memoryOnly = true;
        return false;
    }
    const DbResult r = m_db->open();
    if (!r.ok()) {
        fail(r.message);
        return false;
    }
    return true;
}

void HistoryStore::fail(const QString& message)
{
    if (m_failed)
        return;
    m_failed = true;
    m_stats.memoryOnly = true;
    m_stats.error = QStringLiteral("History storage unavailable (%1), continuing in memory only: %2")
                         .arg(m_db->path(), message);
    m_stats.minutesDropped += quint64(m_pending.size());
    m_pending.clear();
    m_commitTimer->stop();
    m_pruneTimer->stop();
    m_db->close();
    qWarning().noquote() << "WikiTide:" << m_stats.error;
    emit storageError(m_stats.error);
    emit writeStatsChanged(stats());
}

void HistoryStore::storeMinute(const analytics::MinuteSummaryPtr& minute)
{
    if (!minute)
        return;
    if (!m_opened)
        openNow();
    if (m_failed || int(m_pending.size()) >= m_config.maxPendingMinutes) {
        ++m_stats.minutesDropped;
        return;
    }
    m_pending.push_back(minute);
    if (int(m_pending.size()) >= m_config.commitBatchMinutes)
        commitNow();
    else if (!m_commitTimer->isActive())
        m_commitTimer->start(m_config.commitIntervalMs);
}

void HistoryStore::flush()
{
    if (!commitNow() || !m_db->isOpen())
        return;
    // The newest hour's per-wiki rollup too, so a clean stop leaves nothing to rebuild.
    if (const DbResult r = m_db->flushOpenHour(); !r.ok())
        fail(r.message);
}

bool HistoryStore::commitNow()
{
    m_commitTimer->stop();
    if (m_failed || m_pending.empty() || !m_db->isOpen())
        return !m_failed;
    QElapsedTimer timer;
    timer.start();
    const DbResult r = m_db->writeMinutes(m_pending);
    if (!r.ok()) {
        fail(r.message);
        return false;
    }
    const double ms = double(timer.nsecsElapsed()) / 1e6;
    m_stats.lastMs = ms;
    m_stats.maxMs = std::max(m_stats.maxMs, ms);
    m_totalWriteMs += ms;
    ++m_stats.batches;
    m_stats.avgMs = m_totalWriteMs / double(m_stats.batches);
    m_stats.minutesWritten += quint64(m_pending.size());
    m_pending.clear();
    emit writeStatsChanged(stats());
    return true;
}

WriteStats HistoryStore::stats() const
{
    WriteStats s = m_stats;
    s.pendingMinutes = int(m_pending.size());
    return s;
}

void HistoryStore::setRetentionDays(int days)
{
    m_config.retentionDays = std::max(1, days);
    if (m_db->isOpen() && !m_failed)
        m_pruneTimer->start(0);
}

void HistoryStore::pruneStep()
{
    if (m_failed || !m_db->isOpen())
        return;
    const qint64 t = now();
    const qint64 cutoff = t - qint64(m_config.retentionDays) * 24 * 3'600'000;
    qint64 deleted = 0;
    const DbResult r = m_db->pruneStep(cutoff, t, m_config.pruneChunkMinutes, &deleted);
    if (!r.ok()) {
        fail(r.message);
        return;
    }
    m_stats.prunedRows += deleted;
    // More to do: yield to queued writes and queries, then continue; else wait for the next pass.
    m_pruneTimer->start(deleted > 0 ? 10 : m_config.pruneIntervalMs);
}

qint64 HistoryStore::pruneAll()
{
    if (!m_opened)
        openNow();
    commitNow();
    const qint64 before = m_stats.prunedRows;
    const qint64 t = now();
    const qint64 cutoff = t - qint64(m_config.retentionDays) * 24 * 3'600'000;
    for (;;) {
        if (m_failed || !m_db->isOpen())
            break;
        qint64 deleted = 0;
        const DbResult r = m_db->pruneStep(cutoff, t, m_config.pruneChunkMinutes, &deleted);
        if (!r.ok()) {
            fail(r.message);
            break;
        }
        m_stats.prunedRows += deleted;
        if (deleted == 0)
            break;
    }
    return m_stats.prunedRows - before;
}

QVector<MinutePoint> HistoryStore::minutes(qint64 fromMs, qint64 toMs, const QString& wiki)
{
    commitNow(); // answers include minutes still queued
    if (m_failed)
        return {};
    return HistoryQueries(*m_db).minutes(fromMs, toMs, wiki);
}

QVector<HourPoint> HistoryStore::hourly(qint64 fromMs, qint64 toMs, const QString& wiki)
{
    commitNow();
    if (m_failed)
        return {};
    return HistoryQueries(*m_db).hourly(fromMs, toMs, wiki);
}

WeekdayHeatmap HistoryStore::weekdayHeatmap(const QString& wiki, qint64 fromMs, qint64 toMs)
{
    commitNow();
    if (m_failed) {
        WeekdayHeatmap empty;
        empty.wiki = wiki;
        return empty;
    }
    return HistoryQueries(*m_db).weekdayHeatmap(wiki, fromMs, toMs, m_config.heatmapZone);
}

StartupFill HistoryStore::startupFill(qint64 fromMs, qint64 toMs, qint64 detailFromMs)
{
    commitNow();
    if (m_failed) {
        StartupFill empty;
        empty.fromMs = fromMs;
        empty.toMs = toMs;
        empty.detailFromMs = std::clamp(detailFromMs, fromMs, std::max(fromMs, toMs));
        return empty;
    }
    return HistoryQueries(*m_db).startupFill(fromMs, toMs, detailFromMs);
}

void HistoryStore::requestMinutes(qint64 fromMs, qint64 toMs, const QString& wiki, quint64 requestId)
{
    emit minutesReady(requestId, minutes(fromMs, toMs, wiki));
}

void HistoryStore::requestHourly(qint64 fromMs, qint64 toMs, const QString& wiki, quint64 requestId)
{
    emit hourlyReady(requestId, hourly(fromMs, toMs, wiki));
}

void HistoryStore::requestWeekdayHeatmap(const QString& wiki, qint64 fromMs, qint64 toMs, quint64 requestId)
{
    emit heatmapReady(requestId, weekdayHeatmap(wiki, fromMs, toMs));
}

void HistoryStore::requestStartupFill(qint64 fromMs, qint64 toMs, qint64 detailFromMs)
{
    emit startupFillReady(startupFill(fromMs, toMs, detailFromMs));
}

} // namespace wt::store
