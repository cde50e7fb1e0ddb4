#pragma once
// Bounds the hand-off of event batches from the ingest thread to its consumers: counts the
// batches that are queued or still held downstream (each EventBatchPtr it wraps gives its slot
// back when the last consumer lets go). Shared across threads; its counter is atomic.

#include "event/EditEvent.h"

#include <atomic>
#include <memory>

namespace wt::ingest {

class BatchGate : public std::enable_shared_from_this<BatchGate> {
public:
    static std::shared_ptr<BatchGate> create(int limit);

    // The returned pointer holds a slot until the last copy of it is destroyed, on any thread.
    event::EventBatchPtr wrap(event::EventBatch&& batch);

    bool full() const { return m_inFlight.load(std::memory_order_acquire) >= m_limit; }
    int inFlight() const { return m_inFlight.load(std::memory_order_acquire); }
    int limit() const { return m_limit; }

private:
    explicit BatchGate(int limit) : m_limit(limit) {}

    const int m_limit;
    std::atomic<int> m_inFlight{0};
};

} // namespace wt::ingest
