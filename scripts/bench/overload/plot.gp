# gnuplot -e "csv='results.csv'; out='overload.png'; capacity=1000; deadline_ms=500" plot.gp
if (!exists("deadline_ms")) deadline_ms = 500
set datafile separator ","
set terminal pngcairo size 1500,1000 font "DejaVu Sans,11"
set output out
set multiplot layout 2,2 title sprintf("Overload experiment: checkout demo service on one core, capacity %d req/s, %d ms client deadline", capacity, deadline_ms)
set key top left
set grid
set xlabel "offered load (× capacity)"
set xrange [0:5.2]

arms = "none static codel adaptive adaptive-criticality"
# One series: the rows of one arm and one class, in file order.
series(arm, klass) = sprintf("< awk -F, '$1 == \"%s\" && $4 == \"%s\"' %s", arm, klass, csv)

set title "Goodput, all traffic (share of capacity)"
set ylabel "goodput / capacity"
set yrange [0:1.2]
plot for [a in arms] series(a, "all") using 2:($10 / capacity) with linespoints lw 2 title a, \
     1 with lines dt 2 lc "gray" notitle

set title "Goodput of CRITICAL traffic (half of the offered load)"
set ylabel "critical goodput / capacity"
plot for [a in arms] series(a, "CRITICAL") using 2:($10 / capacity) with linespoints lw 2 title a, \
     series("none", "CRITICAL") using 2:($5 < capacity ? $5 / capacity : 1) with lines dt 2 lc "gray" title "ideal"

set title "p99 latency of good requests"
set ylabel "ms"
set yrange [1:1000]
set logscale y
plot for [a in arms] series(a, "all") using 2:(strcol(15) ne "" ? $15 : 1/0) with linespoints lw 2 title a
unset logscale y

set title "Retry storm: clients retry 503s up to 3× (adaptive limit)"
set ylabel "goodput / capacity"
set yrange [0:1.2]
set y2label "attempts per request"
set y2range [0:4.4]
set y2tics
plot series("retry-storm", "all") using 2:($10 / capacity) with linespoints lw 2 title "goodput, no retry budget", \
     series("retry-budget", "all") using 2:($10 / capacity) with linespoints lw 2 title "goodput, retry budget 10 %", \
     series("retry-storm", "all") using 2:($7 / $6) axes x1y2 with linespoints dt 3 title "attempts/request, no budget", \
     series("retry-budget", "all") using 2:($7 / $6) axes x1y2 with linespoints dt 3 title "attempts/request, budget"
unset multiplot
