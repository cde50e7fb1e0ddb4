#pragma once
// Writes one DashboardSnapshot as a folder of CSV files (one per view) named by the snapshot's
// UTC time, e.g. DIR/wikitide-20261124T101500Z/. Each file goes through QSaveFile (temporary
// name, then rename), so a reader never sees half a file. Runs on whichever thread calls it
// (the app uses the analytics or storage thread); touches no shared state.

#include <QString>

#include "analytics/DashboardSnapshot.h"

namespace wt::exporter {

struct ExportResult {
    bool ok = false;
    QString folder; // absolute path of the written folder when ok
    QString error;  // why not, when !ok
};

class CsvExporter {
public:
    // The folder name for a time: wikitide-YYYYMMDDTHHMMSSZ (a suffix -2, -3... if taken).
    static QString folderName(std::int64_t utcMs);
    // Writes every view of the snapshot under dir (created if missing). The folder is named by
    // the snapshot's wall time (event clock when wallMs is 0).
    static ExportResult write(const analytics::DashboardSnapshot& snapshot, const QString& dir);
};

} // namespace wt::exporter
