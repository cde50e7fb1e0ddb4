#pragma once
// The user-engagement histogram (GUI thread): how many users made 1, 2, 3–4, ... edits in the
// lookback, on logarithmic bins from the engine. Its own panel so it gets the width its labels
// need.

#include <QStringList>
#include <QWidget>

#include "analytics/DashboardSnapshot.h"

QT_BEGIN_NAMESPACE
class QBarCategoryAxis;
class QBarSet;
class QChart;
class QValueAxis;
QT_END_NAMESPACE

namespace wt::ui {

class EngagementPanel : public QWidget {
    Q_OBJECT
public:
    explicit EngagementPanel(QWidget* parent = nullptr);
    void showSnapshot(const analytics::DashboardSnapshot& snapshot);
    // "1", "2–3", "1k–2k": short enough to stand under a bar.
    static QString binLabel(std::uint32_t minEdits, std::uint32_t maxEdits);
    QStringList categories() const;
    QList<double> values() const;

protected:
    void changeEvent(QEvent* event) override;

private:
    void applyLooks();

    QChart* m_chart = nullptr;
    QBarSet* m_set = nullptr;
    QBarCategoryAxis* m_bins = nullptr;
    QValueAxis* m_users = nullptr;
};

} // namespace wt::ui
