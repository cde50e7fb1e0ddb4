#include "ingest/ReplaySource.h"

#include "ingest/BatchGate.h"
#include "ingest/IngestChain.h"

#include <algorithm>
#include <cmath>

namespace wt::ingest {

namespace {
constexpr int kBackPressureRetryMs = 2;
constexpr double kReadAheadMs = 250; // real time: parse this far ahead of the replay clock
} // namespace

ReplaySource::ReplaySource(ReplayConfig config, IngestChain& chain, QObject* parent)
    : QObject(parent), m_config(std::move(config)), m_chain(chain), m_reader(m_config.maxEventBytes)
{
    m_config.speed = std::clamp(m_config.speed, 0.1, 1000.0);
    m_config.chunkEvents = std::max<std::size_t>(1, m_config.chunkEvents);
    m_timer.setSingleShot(true);
    m_timer.setTimerType(Qt::PreciseTimer);
    connect(&m_timer, &QTimer::timeout, this, &ReplaySource::tick);
}

ReplaySource::~ReplaySource() = default;

void ReplaySource::start()
{
    if (m_running)
        return;
    QString error;
    if (!m_reader.open(m_config.path, &error)) {
        emit fatalError(error);
        return;
    }
    m_running = true;
    m_atEnd = false;
    m_clock.start();
    m_timer.start(0);
}

void ReplaySource::stop()
{
    m_running = false;
    m_timer.stop();
    m_pending.clear();
    m_reader.close();
}

void ReplaySource::tick()
{
    if (!m_running)
        return;
    if (m_config.batch)
        tickBatch();
    else
        tickRealTime();
}

bool ReplaySource::readOne(event::EventBatch& out)
{
    std::string_view record;
    switch (m_reader.next(record)) {
    case RecordingReader::Next::Record:
        m_chain.process(record, out);
        return true;
    case RecordingReader::Next::TooLarge: {
        // The reader skipped it without buffering it; count it as the parser would have.
        auto& c = m_chain.counters();
        ++c.received;
        c.reject(RejectReason::TooLarge);
        return true;
    }
    case RecordingReader::Next::End:
        break;
    }
    return false;
}

void ReplaySource::tickBatch()
{
    if (m_gate && m_gate->full()) { // back-pressure: the consumer is behind, wait for it
        m_timer.start(kBackPressureRetryMs);
        return;
    }
    event::EventBatch batch;
    batch.reserve(m_config.chunkEvents);
    // Bound the work per tick also by records read, so a file of rejects still yields.
    std::size_t records = 0;
    bool more = true;
    while (batch.size() < m_config.chunkEvents && records < 4 * m_config.chunkEvents) {
        if (!(more = readOne(batch)))
            break;
        ++records;
    }
    if (!batch.empty())
        emitBatch(std::move(batch));
    if (!more) {
        end();
        return;
    }
    m_timer.start(0); // yield to the event loop so stop() and queued calls get through
}

void ReplaySource::tickRealTime()
{
    // Read ahead and parse, timing each event: parse first, then hold until its time is due.
    // Only a short horizon ahead, so the counters run close to what has been released.
    std::size_t records = 0;
    event::EventBatch parsed;
    const double horizon = double(m_clock.elapsed()) + kReadAheadMs;
    while (!m_atEnd && m_pending.size() < m_config.chunkEvents && records < m_config.chunkEvents &&
           (m_pending.empty() || m_pending.back().dueMs <= horizon)) {
        parsed.clear();
        if (!readOne(parsed)) {
            m_atEnd = true;
            break;
        }
        ++records;
        for (auto& e : parsed) {
            if (!m_haveEventTime) {
                m_haveEventTime = true;
                m_lastEventMs = e.timeMs;
                m_lastDueMs = double(m_clock.elapsed());
            } else if (e.timeMs > m_lastEventMs) {
                const double pause = std::min(double(e.timeMs - m_lastEventMs) / m_config.speed,
                                              double(m_config.maxPauseMs));
                m_lastDueMs += pause;
                m_lastEventMs = e.timeMs;
            }
            // An event older than the one before it goes out with it: no pause backwards.
            m_pending.push_back(Pending{m_lastDueMs, std::move(e)});
        }
    }

    const double now = double(m_clock.elapsed());
    event::EventBatch due;
    while (!m_pending.empty() && m_pending.front().dueMs <= now) {
        due.push_back(std::move(m_pending.front().event));
        m_pending.pop_front();
    }
    if (!due.empty()) {
        if (m_gate && m_gate->full())
            m_chain.counters().dropped += due.size(); // real time cannot wait: count the loss
        else
            emitBatch(std::move(due));
    }

    if (m_pending.empty()) {
        if (m_atEnd)
            end();
        else
            m_timer.start(0);
        return;
    }
    const double wait = m_pending.front().dueMs - double(m_clock.elapsed());
    m_timer.start(std::max(0, int(std::ceil(wait))));
}

void ReplaySource::emitBatch(event::EventBatch&& batch)
{
    if (m_gate)
        emit batchReady(m_gate->wrap(std::move(batch)));
    else
        emit batchReady(std::make_shared<const event::EventBatch>(std::move(batch)));
}

void ReplaySource::end()
{
    const QString note = m_reader.endNote();
    m_running = false;
    m_reader.close();
    if (!note.isEmpty())
        emit warning(QStringLiteral("replay of %1: %2").arg(m_config.path, note));
    emit finished();
}

} // namespace wt::ingest
