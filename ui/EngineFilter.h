#pragma once
// The filter command the UI sends to the analytics engine (wt::analytics::Filter).

#include "analytics/AnalyticsConfig.h"
