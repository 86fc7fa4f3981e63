package dev.paperboy.web;

/** One thing the API does for a request that passed the router and the gate: a page shown, a form handled. */
@FunctionalInterface
interface Flow {
    WebResponse answer(WebRequest request);
}
