#include "transport/KafkaTypes.h"

namespace wt::transport {

const char* kafkaStateName(KafkaState state)
{
    switch (state) {
    case KafkaState::Starting: return "starting";
    case KafkaState::WaitingForBroker: return "waiting-for-broker";
    case KafkaState::WaitingForTopic: return "waiting-for-topic";
    case KafkaState::Running: return "running";
    case KafkaState::Failed: return "failed";
    case KafkaState::Stopped: return "stopped";
    }
    return "unknown";
}

} // namespace wt::transport
