#pragma once
// Writes the CSV snapshot folder of one dashboard snapshot (GUI thread, small and quick: the
// snapshot is already aggregated). Wraps the engine's CSV exporter.

#include <QString>

#include "analytics/DashboardSnapshot.h"

namespace wt::ui {

struct ExportResult {
    bool ok = false;
    QString folder; // where the files went
    QString error;  // plain words when !ok
};

ExportResult exportSnapshot(const analytics::DashboardSnapshot& snapshot, const QString& parentDir);

} // namespace wt::ui
