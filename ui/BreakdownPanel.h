#pragma once
// Breakdowns of the lookback (GUI thread): action types, namespaces, editors (bot / anonymous /
// temporary / registered) and minor vs major, as a grid that follows the panel's shape.

#include <QStringList>
#include <QWidget>

#include "analytics/DashboardSnapshot.h"

QT_BEGIN_NAMESPACE
class QChart;
class QBarSet;
class QBarCategoryAxis;
class QValueAxis;
class QPieSeries;
QT_END_NAMESPACE

namespace wt::ui {

class BreakdownPanel : public QWidget {
    Q_OBJECT
public:
    explicit BreakdownPanel(QWidget* parent = nullptr);
    void showSnapshot(const analytics::DashboardSnapshot& snapshot);
    static QString namespaceName(int ns);
    // Category labels and values currently shown in a bar chart (for tests).
    QStringList categories(const QString& chart) const;
    QList<double> values(const QString& chart) const;

protected:
    void changeEvent(QEvent* event) override;
    void resizeEvent(QResizeEvent* event) override;

private:
    struct Bars {
        QString id;
        QChart* chart = nullptr;
        QBarSet* set = nullptr;
        QBarCategoryAxis* categories = nullptr;
        QValueAxis* values = nullptr;
    };
    Bars makeBars(const QString& id, const QString& title, bool horizontal);
    void setBars(Bars& bars, const QStringList& labels, const QList<double>& values);
    void setPie(QPieSeries* pie, const QList<std::pair<QString, double>>& slices);
    void applyLooks();
    void relayout();

    Bars m_types, m_namespaces;
    QChart* m_editorsChart = nullptr;
    QChart* m_minorChart = nullptr;
    QPieSeries* m_editors = nullptr;
    QPieSeries* m_minor = nullptr;
    QList<QChart*> m_charts;
    QList<QWidget*> m_views; // in reading order; re-gridded to the panel's shape
    int m_columns = 0;
};

} // namespace wt::ui
