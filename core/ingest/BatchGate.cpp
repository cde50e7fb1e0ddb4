#include "ingest/BatchGate.h"

#include <algorithm>

namespace wt::ingest {

std::shared_ptr<BatchGate> BatchGate::create(int limit)
{
    return std::shared_ptr<BatchGate>(new BatchGate(std::max(1, limit)));
}

event::EventBatchPtr BatchGate::wrap(event::EventBatch&& batch)
{
    m_inFlight.fetch_add(1, std::memory_order_acq_rel);
    // The deleter keeps the gate alive: consumers may outlive the ingest worker.
    return event::EventBatchPtr(new event::EventBatch(std::move(batch)),
                                [gate = shared_from_this()](const event::EventBatch* b) {
                                    delete b;
                                    gate->m_inFlight.fetch_sub(1, std::memory_order_acq_rel);
                                });
}

} // namespace wt::ingest
