#pragma once
// A compact labelled bar list (GUI thread): one row per category with its name, a bar scaled to
// the largest value and the value with its share. Painted in one paintEvent, so it never elides
// a label the way a squeezed chart axis does, and a tick that changes nothing repaints nothing.

#include <QColor>
#include <QList>
#include <QStringList>
#include <QWidget>

namespace wt::ui {

class BarListWidget : public QWidget {
    Q_OBJECT
public:
    struct Bar {
        QString label;
        double value = 0;
        QColor color; // invalid: the palette's highlight colour
    };

    explicit BarListWidget(const QString& title, QWidget* parent = nullptr);
    void setBars(const QList<Bar>& bars);
    QStringList labels() const;
    QList<double> values() const;

    QSize sizeHint() const override;
    QSize minimumSizeHint() const override;

protected:
    void paintEvent(QPaintEvent* event) override;

private:
    int rowHeight() const;

    QString m_title;
    QList<Bar> m_bars;
};

} // namespace wt::ui
