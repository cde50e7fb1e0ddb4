#include "pipeline/IngestWorker.h"

#include "ingest/BatchGate.h"
#include "pipeline/IngestLoop.h"

namespace wt::pipeline {

IngestWorker::IngestWorker(IngestConfig config, QObject* parent)
    : QObject(parent), m_config(std::move(config)),
      m_gate(ingest::BatchGate::create(m_config.maxBatchesInFlight))
{
    m_thread.setObjectName(QStringLiteral("ingest"));
}

IngestWorker::~IngestWorker()
{
    stop();
}

int IngestWorker::batchesInFlight() const
{
    return m_gate->inFlight();
}

void IngestWorker::start()
{
    if (m_loop)
        return;
    m_loop = new IngestLoop(m_config, m_gate);
    m_loop->moveToThread(&m_thread);
    // Direct: forwarded from the ingest thread itself; Qt queues them for receivers elsewhere,
    // so a consumer on its own thread gets batches without a hop through ours.
    connect(m_loop, &IngestLoop::batchReady, this, &IngestWorker::batchReady, Qt::DirectConnection);
    connect(m_loop, &IngestLoop::stateChanged, this, &IngestWorker::stateChanged,
            Qt::DirectConnection);
    connect(m_loop, &IngestLoop::countersReady, this, &IngestWorker::countersReady,
            Qt::DirectConnection);
    connect(m_loop, &IngestLoop::finished, this, &IngestWorker::finished, Qt::DirectConnection);
    connect(m_loop, &IngestLoop::fatalError, this, &IngestWorker::fatalError, Qt::DirectConnection);
    connect(m_loop, &IngestLoop::warning, this, &IngestWorker::warning, Qt::DirectConnection);
    m_thread.start();
    QMetaObject::invokeMethod(m_loop, &IngestLoop::start, Qt::QueuedConnection);
}

void IngestWorker::requestCounters()
{
    if (m_loop)
        QMetaObject::invokeMethod(m_loop, &IngestLoop::publishCounters, Qt::QueuedConnection);
    else
        emit countersReady(m_final);
}

ingest::IngestCounters IngestWorker::stop()
{
    if (!m_loop)
        return m_final;
    IngestLoop* loop = m_loop;
    ingest::IngestCounters final;
    QMetaObject::invokeMethod(
        loop, [loop, &final] { final = loop->shutdown(); }, Qt::BlockingQueuedConnection);
    m_thread.quit();
    m_thread.wait();
    delete loop; // its thread has ended; it owns nothing thread-bound any more
    m_loop = nullptr;
    m_final = final;
    return m_final;
}

} // namespace wt::pipeline
