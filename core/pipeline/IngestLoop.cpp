#include "pipeline/IngestLoop.h"

#include "ingest/BatchGate.h"
#include "ingest/IngestChain.h"
#include "ingest/Recorder.h"
#include "ingest/ReplaySource.h"

namespace wt::pipeline {

using namespace wt::ingest;

IngestLoop::IngestLoop(IngestConfig config, std::shared_ptr<BatchGate> gate)
    : m_config(std::move(config)), m_gate(std::move(gate))
{
}

IngestLoop::~IngestLoop() = default;

void IngestLoop::start()
{
    m_chain = std::make_unique<IngestChain>(m_config.maxEventBytes, m_config.dedupHorizon);
    if (m_config.countersIntervalMs > 0) {
        m_countersTimer = new QTimer(this);
        connect(m_countersTimer, &QTimer::timeout, this, &IngestLoop::publishCounters);
        m_countersTimer->start(m_config.countersIntervalMs);
    }
    if (m_config.isReplay())
        startReplay();
    else
        startLive();
}

void IngestLoop::startReplay()
{
    ReplayConfig rc;
    rc.path = m_config.replayFile;
    rc.batch = m_config.batch;
    rc.speed = m_config.speed;
    rc.maxEventBytes = m_config.maxEventBytes;
    m_replay = std::make_unique<ReplaySource>(rc, *m_chain);
    m_replay->setGate(m_gate);
    // Direct: these are re-emitted from this thread; receivers elsewhere get them queued.
    connect(m_replay.get(), &ReplaySource::batchReady, this, &IngestLoop::batchReady,
            Qt::DirectConnection);
    connect(m_replay.get(), &ReplaySource::warning, this, &IngestLoop::warning,
            Qt::DirectConnection);
    connect(m_replay.get(), &ReplaySource::fatalError, this, [this](const QString& message) {
        emit stateChanged(ConnectionState::Failed, message, -1);
        emit fatalError(message);
    });
    connect(m_replay.get(), &ReplaySource::finished, this, [this] {
        emit stateChanged(ConnectionState::Finished,
                          QStringLiteral("end of %1").arg(m_config.replayFile), -1);
        emit finished();
    });
    emit stateChanged(ConnectionState::Live,
                      QStringLiteral("replaying %1").arg(m_config.replayFile), -1);
    m_replay->start();
}

void IngestLoop::startLive()
{
    if (!m_config.recordFile.isEmpty()) {
        m_recorder = std::make_unique<Recorder>(m_config.recordFile);
        QString error;
        if (!m_recorder->open(&error)) {
            m_recorder.reset();
            emit stateChanged(ConnectionState::Failed, error, -1);
            emit fatalError(error);
            return;
        }
        connect(m_recorder.get(), &Recorder::writeFailed, this, &IngestLoop::warning,
                Qt::DirectConnection);
    }
    SseClientConfig cc;
    cc.url = m_config.streamUrl;
    cc.initialLastEventId = m_config.initialLastEventId;
    cc.since = m_config.since;
    cc.maxEventBytes = m_config.maxEventBytes;
    cc.idleTimeoutMs = m_config.idleTimeoutMs;
    m_client = std::make_unique<SseClient>(cc);
    connect(m_client.get(), &SseClient::messagesReceived, this, &IngestLoop::onMessages,
            Qt::DirectConnection);
    connect(m_client.get(), &SseClient::stateChanged, this, &IngestLoop::stateChanged,
            Qt::DirectConnection);
    connect(m_client.get(), &SseClient::finished, this, [this] {
        if (!m_stopped) // the client also says finished when we stop it
            emit finished();
    });
    connect(m_client.get(), &SseClient::fatalError, this, &IngestLoop::fatalError,
            Qt::DirectConnection);
    m_client->start();
}

void IngestLoop::onMessages(const std::vector<SseMessage>& messages)
{
    if (m_stopped)
        return;
    event::EventBatch batch;
    batch.reserve(messages.size());
    auto& counters = m_chain->counters();
    for (const SseMessage& m : messages) {
        // EventStreams sends its events as "message"; other types carry no edit.
        if (m.data.empty() || !(m.event.empty() || m.event == "message"))
            continue;
        const auto rejectedBefore = counters.rejectedTotal();
        m_chain->process(m.data, batch);
        // Record all that parsed (duplicates and canaries too), so a replay sees the stream.
        if (m_recorder && counters.rejectedTotal() == rejectedBefore)
            m_recorder->append(m.data);
    }
    if (batch.empty())
        return;
    if (m_gate->full()) { // consumers are behind: a live stream cannot wait, so drop and count
        counters.dropped += batch.size();
        return;
    }
    emit batchReady(m_gate->wrap(std::move(batch)));
}

IngestCounters IngestLoop::counters() const
{
    IngestCounters c = m_chain ? m_chain->counters() : IngestCounters{};
    c.reconnects = m_client ? m_client->reconnects() : m_reconnectsAtShutdown;
    // Events the SSE parser skipped as too large never reached the chain: count them here.
    const std::uint64_t oversized = m_client ? m_client->oversizedSkipped() : m_oversizedAtShutdown;
    c.received += oversized;
    c.rejected[std::size_t(RejectReason::TooLarge)] += oversized;
    return c;
}

void IngestLoop::publishCounters()
{
    emit countersReady(counters());
}

IngestCounters IngestLoop::shutdown()
{
    m_stopped = true;
    delete m_countersTimer; // a timer must die on its own thread
    m_countersTimer = nullptr;
    if (m_replay)
        m_replay->stop();
    if (m_client) {
        m_client->stop();
        m_reconnectsAtShutdown = m_client->reconnects();
        m_oversizedAtShutdown = m_client->oversizedSkipped();
    }
    const IngestCounters final = counters();
    // Destroy on this thread: the client's network objects belong to it.
    m_client.reset();
    m_replay.reset();
    if (m_recorder)
        m_recorder->close();
    m_recorder.reset();
    return final;
}

} // namespace wt::pipeline
