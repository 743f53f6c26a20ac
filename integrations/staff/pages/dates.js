// Moments on the staff pages written the B1 way: "zondag 6 december om 16.25 uur",
// never "6-12-2026, 16:25:04".
"use strict";

const DutchDate = (() => {
  const DAYS = ["zondag", "maandag", "dinsdag", "woensdag", "donderdag", "vrijdag", "zaterdag"];
  const MONTHS = ["januari", "februari", "maart", "april", "mei", "juni", "juli", "augustus",
    "september", "oktober", "november", "december"];

  function moment(iso) {
    const at = new Date(iso);
    const minutes = String(at.getMinutes()).padStart(2, "0");
    return `${DAYS[at.getDay()]} ${at.getDate()} ${MONTHS[at.getMonth()]} om ${at.getHours()}.${minutes} uur`;
  }

  return { moment };
})();
