package dev.recon.ingest.web;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.setup.MockMvcBuilders;
import org.thymeleaf.spring6.SpringTemplateEngine;
import org.thymeleaf.spring6.view.ThymeleafViewResolver;
import org.thymeleaf.templatemode.TemplateMode;
import org.thymeleaf.templateresolver.ClassLoaderTemplateResolver;

/** The pages, rendered by the real templates. */
class PageControllerTest {

  private MockMvc mvc;

  @BeforeEach
  void setUp() {
    ClassLoaderTemplateResolver templates = new ClassLoaderTemplateResolver();
    templates.setPrefix("templates/");
    templates.setSuffix(".html");
    templates.setTemplateMode(TemplateMode.HTML);
    templates.setCharacterEncoding("UTF-8");
    SpringTemplateEngine engine = new SpringTemplateEngine();
    engine.setTemplateResolver(templates);
    ThymeleafViewResolver views = new ThymeleafViewResolver();
    views.setTemplateEngine(engine);
    views.setCharacterEncoding("UTF-8");
    mvc = MockMvcBuilders.standaloneSetup(new PageController()).setViewResolvers(views).build();
  }

  @ParameterizedTest
  @CsvSource({
    "/, nav-upload, /js/upload.js",
    "/dashboard, nav-dashboard, /js/dashboard.js",
    "/orders, nav-orders, /js/orders.js",
    "/orders/171-0164918-2833469, nav-orders, /js/order.js",
    "/uploads, nav-uploads, /js/uploads.js",
    "/events, nav-events, /js/events.js"
  })
  void eachPageHasTheNavigationWithItselfMarkedAndItsOwnScript(
      String path, String navLink, String script) throws Exception {
    mvc.perform(get(path))
        .andExpect(status().isOk())
        .andExpect(content().string(containsString("id=\"" + navLink + "\" aria-current=\"page\"")))
        .andExpect(content().string(containsString("<script type=\"module\" src=\"" + script)))
        .andExpect(content().string(containsString("href=\"/css/app.css\"")));
  }

  @Test
  void theOrderPageShowsAHostileOrderIdAsText() throws Exception {
    mvc.perform(get("/orders/{orderId}", "<img src=x onerror=alert(1)>"))
        .andExpect(status().isOk())
        .andExpect(content().string(containsString("data-order-id=\"&lt;img src=x onerror")))
        .andExpect(content().string(not(containsString("<img src=x"))));
  }

  @Test
  void pagesLoadNothingFromOtherSites() throws Exception {
    for (String path : new String[] {"/", "/dashboard", "/orders", "/uploads", "/events"}) {
      mvc.perform(get(path))
          .andExpect(content().string(not(containsString("src=\"http"))))
          .andExpect(content().string(not(containsString("href=\"http"))));
    }
  }
}
